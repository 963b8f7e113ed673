"""The command-line contract that CI and the evaluation rely on."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def run(*args: str, db: Path, input_text: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args, "--db", str(db)], cwd=REPO, capture_output=True,
                          text=True, timeout=120, input=input_text)


def test_ask_plain_and_json(built_store: Path) -> None:
    plain = run("ask", "what is CNIE?", db=built_store)
    assert plain.returncode == 0 and "China NGO Network for International Exchanges" in plain.stdout
    out = run("ask", "--json", "how many bikes were donated in Cambodia?", db=built_store)
    data = json.loads(out.stdout)
    assert set(data) >= {"question", "answer", "found", "sources", "hits"}
    assert data["found"] is True
    assert {"title", "date", "page", "section"} <= set(data["sources"][0])


def test_batch_keeps_order_one_process(built_store: Path, tmp_path: Path) -> None:
    questions = ["what is CFPD?", "who is elon musk?", "", "events in hangzhou"]
    f = tmp_path / "q.txt"
    f.write_text("\n".join(questions) + "\n", encoding="utf-8")
    out = run("ask", "--batch", str(f), "--json", db=built_store)
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["question"] for r in rows] == questions
    assert rows[1]["found"] is False


def test_events_orgs_people_json(built_store: Path) -> None:
    events = [json.loads(line) for line in run("events", "--json", db=built_store).stdout.splitlines()]
    assert len(events) > 100
    keys = {"id", "title", "date_start", "date_end", "date_precision", "places", "organizations", "people",
            "figures", "summary", "source"}
    assert keys <= set(events[0])
    sironet = [e for e in events if "SIRONET" in e["source"]["title"] and e["date_start"]]
    assert len(sironet) == 74 and all(e["date_start"].startswith("2018") for e in sironet)
    orgs = [json.loads(line) for line in run("orgs", "--json", db=built_store).stdout.splitlines()]
    assert any("CNIE" in o["acronyms"] for o in orgs)
    people = [json.loads(line) for line in run("people", "--json", db=built_store).stdout.splitlines()]
    assert any(p["name"] == "Liu Zhihua" for p in people)


def test_eval_prints_score_last(built_store: Path, tmp_path: Path) -> None:
    f = tmp_path / "q.yaml"
    f.write_text("- id: a\n  q: what is CNIE?\n  kind: org_profile\n  must: [[China NGO Network]]\n  doc: '002'\n"
                 "- id: b\n  q: who is elon musk?\n  kind: negative\n  found: false\n", encoding="utf-8")
    out = run("eval", str(f), db=built_store)
    assert out.stdout.strip().splitlines()[-1].startswith("passed 2/2")


def test_run_without_token_exits_2(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "BOT_DATA_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-m", "bot", "run"], cwd=REPO, capture_output=True, text=True, env=env,
                         timeout=60)
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 1 and "TELEGRAM_BOT_TOKEN" in out.stderr


def test_missing_store_is_built_on_first_use(tmp_path: Path) -> None:
    db = tmp_path / "fresh.sqlite"
    out = run("ask", "what is CFPD?", db=db)
    assert out.returncode == 0 and db.exists() and "Peace and Development" in out.stdout


def test_broken_catalog_keeps_old_store(built_store: Path, tmp_path: Path) -> None:
    import shutil
    reports = tmp_path / "reports"
    shutil.copytree(REPO / "reports", reports)
    (reports / "catalog.yaml").write_text("reports:\n  - file: x.txt\n    title: X\n    issue_date: 2025-13-40\n")
    db = tmp_path / "k.sqlite"
    shutil.copy(built_store, db)
    before = db.read_bytes()
    out = subprocess.run([sys.executable, "-m", "bot", "build", "--db", str(db), "--reports", str(reports)],
                         cwd=REPO, capture_output=True, text=True, timeout=120)
    assert out.returncode != 0 and "issue_date" in out.stderr
    assert db.read_bytes() == before


def test_the_sample_question_file_scores(built_store: Path) -> None:
    out = run("eval", str(REPO / "examples" / "questions.yaml"), db=built_store)
    assert out.returncode == 0
    last = out.stdout.strip().splitlines()[-1]
    assert last.startswith("passed ") and last.split()[1].split("/")[1] == "6"


def test_a_closed_pipe_ends_quietly(built_store: Path) -> None:
    # --json: far more than a pipe buffer holds, so the writer meets the closed pipe
    proc = subprocess.Popen([sys.executable, "-m", "bot", "events", "--json", "--db", str(built_store)], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.readline()  # like `| head -1`
    proc.stdout.close()
    _, err = proc.communicate(timeout=60)
    assert b"Traceback" not in err and b"BrokenPipeError" not in err
    assert proc.returncode in (0, 141)
