"""Workers fork from a server that loaded the task's models (``engines/warm``)."""
import ast
import os
import subprocess
import sys
import textwrap


def test_workers_fork_with_the_models_loaded(tmp_path):
    # each worker loaded the embedder (~0.25 CPU-s, ~65 MiB) and the language identifier
    # (~0.14 CPU-s, ~100 MiB) on its first task; now the pool's server loads them once and the
    # workers share its pages. Own process: this one's forkserver may run with another preload.
    (tmp_path / "probe_models.py").write_text(textwrap.dedent('''
        import os

        class Probe:
            preload = ("storyweave.engines.warm.embedder", "storyweave.engines.warm.language")

            def __call__(self, x):
                from storyweave.clean import language
                from storyweave.nlp.models import Models

                shared = Models._process
                return (os.getpid(), shared is not None and shared._embedder is not None,
                        language._identifier.cache_info().currsize == 1)
    '''))
    script = textwrap.dedent('''
        from probe_models import Probe
        from storyweave.engines.local import LocalEngine
        if __name__ == "__main__":
            with LocalEngine(workers=2) as eng:
                print(list(eng.map(Probe(), [1, 2, 3, 4])))
    ''')
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), *sys.path])}
    out = subprocess.run([sys.executable, "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=180)
    assert out.returncode == 0, out.stderr
    results = ast.literal_eval(out.stdout)
    assert all(embedder and language for _, embedder, language in results)


def test_the_ingest_and_cluster_tasks_declare_their_models():
    from storyweave.engines.featured import ReadAndFeaturize
    from storyweave.stories.features import Featurizer

    assert "storyweave.engines.warm.embedder" in Featurizer.preload
    assert {"storyweave.engines.warm.embedder", "storyweave.engines.warm.language"} <= set(ReadAndFeaturize.preload)
