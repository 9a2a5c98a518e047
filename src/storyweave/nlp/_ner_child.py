"""The NER helper process (see ``ner_process.py``): run as a script, stdlib and spaCy only.

    python _ner_child.py PACKAGE EXCLUDED,PIPES

Loads the spaCy package, then answers one JSON line per request: ``{"texts": [...],
"batch_size": n}`` -> ``{"ents": [[[start_char, end_char, label], ...] per text]}``. A model
that does not load answers ``{"error": "..."}`` and exits. Ends when stdin closes.

Two savings of start-up CPU that change nothing loaded (the helper's test compares its
entities with the in-process model's; the same tokens and entities on 3,000 dev paragraphs):
``import spacy`` imports its command line (typer, weasel, requests: ~0.13 s) only for
``spacy.info``, which this process never calls, so a stub stands in for it; and the model's
tokenizer starts blank instead of from the English defaults (~0.05 s), since loading the
package's tokenizer resets every setting and rule to the package's own. Should a spaCy
release need the real command line to load a model, the helper answers an error and the
parent loads in-process.
"""
import json
import sys
import types


def _stub_spacy_cli() -> None:
    cli, info = types.ModuleType("spacy.cli"), types.ModuleType("spacy.cli.info")
    info.info = cli.info = lambda *args, **kwargs: None
    cli.__path__ = []  # a package: spacy.cli.<anything else> fails to import, loudly
    sys.modules.setdefault("spacy.cli", cli)
    sys.modules.setdefault("spacy.cli.info", info)


def _load(package: str, exclude: list[str]):
    _stub_spacy_cli()
    import spacy
    from spacy.tokenizer import Tokenizer

    spacy.registry.tokenizers.register("storyweave.blank_tokenizer.v1", func=lambda: lambda nlp: Tokenizer(nlp.vocab))
    return spacy.load(package, exclude=exclude, config={"nlp": {"tokenizer": {"@tokenizers": "storyweave.blank_tokenizer.v1"}}})


def main() -> int:
    import gc

    gc.set_threshold(100_000, *gc.get_threshold()[1:])  # the model's objects live to the end
    package, exclude = sys.argv[1], [p for p in sys.argv[2].split(",") if p]
    try:
        nlp = _load(package, exclude)
    except Exception as e:  # noqa: BLE001 - the parent loads in-process and reports it
        sys.stdout.write(json.dumps({"error": f"{type(e).__name__}: {e}"}) + "\n")
        sys.stdout.flush()
        return 1
    for line in sys.stdin:
        request = json.loads(line)
        ents = [[[e.start_char, e.end_char, e.label_] for e in doc.ents]
                for doc in nlp.pipe(request["texts"], batch_size=request.get("batch_size", 64))]
        sys.stdout.write(json.dumps({"ents": ents}) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
