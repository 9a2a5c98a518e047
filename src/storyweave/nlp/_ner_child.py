"""The NER helper process (see ``ner_process.py``): run as a script, stdlib and spaCy only.

    python _ner_child.py PACKAGE EXCLUDED,PIPES

Loads the spaCy package, then answers one JSON line per request: ``{"texts": [...],
"batch_size": n}`` -> ``{"ents": [[[start_char, end_char, label], ...] per text]}``. A model
that does not load answers ``{"error": "..."}`` and exits. Ends when stdin closes.
"""
import json
import sys


def main() -> int:
    package, exclude = sys.argv[1], [p for p in sys.argv[2].split(",") if p]
    try:
        import spacy

        nlp = spacy.load(package, exclude=exclude)
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
