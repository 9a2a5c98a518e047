import json

from storyweave.cli import main


def _subset(dev_path, tmp_path, rows: slice, name: str):
    f = tmp_path / name
    f.write_text("\n".join(dev_path.read_text("utf-8").splitlines()[rows]) + "\n")
    return f


def test_cluster_cli_jsonl_and_table(dev_path, tmp_path, capsys):
    f = _subset(dev_path, tmp_path, slice(0, 40), "a.jsonl")
    assert main(["cluster", str(f), "--format", "jsonl"]) == 0
    cap = capsys.readouterr()
    lines = [json.loads(x) for x in cap.out.splitlines()]
    assert len(lines) == 40 and all(set(x) >= {"id", "story"} for x in lines)
    assert "stories, 40 articles" in cap.err
    assert main(["cluster", str(f), "--table"]) == 0
    assert "size" in capsys.readouterr().out


def test_ingest_then_cluster_with_db_is_incremental(dev_path, tmp_path, capsys):
    a = _subset(dev_path, tmp_path, slice(0, 40), "a.jsonl")
    b = _subset(dev_path, tmp_path, slice(30, 60), "b.jsonl")  # 10 repeated articles
    db = str(tmp_path / "s.db")
    assert main(["ingest", str(a), "--db", db]) == 0
    assert "stored 40 new" in capsys.readouterr().out
    assert main(["ingest", str(b), "--db", db]) == 0
    out = capsys.readouterr().out
    assert "stored 20 new (10 already stored)" in out and "60 articles in the store" in out
    assert main(["cluster", str(a), "--db", db]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(lines) == 40 and all(x["story"] for x in lines)


def test_cluster_cli_reports_bad_records(tmp_path, capsys):
    f = tmp_path / "bad.jsonl"
    f.write_text('{"id": "1", "text": "Fire in Lyon"}\nnot json\n{"id": "2"}\n')
    assert main(["cluster", str(f)]) == 0
    cap = capsys.readouterr()
    assert json.loads(cap.out.splitlines()[0])["id"] == "1"
    assert "skipped" in cap.err
