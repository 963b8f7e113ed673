"""Reading report files in a child process with hard limits, so one hostile file cannot stall or
swell the process that serves answers.

A PDF can hold 2,000 pages that share one content stream, a text file can be 20 MB of dated lines:
the reader and the extractor then run for minutes and take hundreds of MB. Time limits checked
between pages do not stop a page that never ends. Here each file is read and extracted in a child
process (``python -m knowledge.isolate``) that runs under ``setrlimit``: RLIMIT_AS caps its memory
(a MemoryError, or death, instead of swapping the machine) and RLIMIT_CPU caps its CPU time per file
(the kernel stops it with SIGXCPU, inside any page). The parent also keeps a wall-clock deadline, for
a child that sleeps or blocks. A file that fails or exceeds a limit raises ReportRejected, and the
child is started again for the next file. One child serves a whole build, so the cost is one
interpreter start per build, not per file.

Parent and child speak length-prefixed pickles over the child's stdin and stdout: both sides are
this package, nothing else writes to those pipes.
"""
from __future__ import annotations

import logging
import os
import pickle
import resource
import select
import signal
import struct
import subprocess
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO

from knowledge.errors import ReportReadError

log = logging.getLogger(__name__)

_HEADER = struct.Struct(">I")


class ReportRejected(ReportReadError):
    """A report file broke its reader or exceeded a limit (time, memory); it is set aside."""


@dataclass(frozen=True, slots=True)
class Limits:
    """Hard limits on reading one report file."""

    seconds: float = 60.0  # CPU seconds to read and extract one file
    memory_mb: int = 512  # address space of the reading process
    max_events: int = 3000  # events kept from one file; more are dropped with a warning


class IsolatedReader:
    """Extracts report files one by one in a child process under ``limits``; use as a context manager.

    ``extract(path, entry, gazetteer)`` has the signature of ``knowledge.build.extract_report``
    (the child uses the default gazetteer). ``warnings`` collects what the caps dropped;
    ``peak_rss_mb`` is the largest resident size a child reached."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self.warnings: list[str] = []
        self.peak_rss_mb = 0.0
        self._proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> IsolatedReader:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the child (it exits when its stdin closes)."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            assert proc.stdin is not None
            proc.stdin.close()
            proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            proc.kill()
            proc.wait()
        self._reap(proc)

    def _start(self) -> subprocess.Popen[bytes]:
        if self._proc is None or self._proc.poll() is not None:
            env = dict(os.environ)
            root = str(Path(__file__).resolve().parent.parent)
            env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "knowledge.isolate", str(self.limits.memory_mb), str(self.limits.seconds),
                 str(self.limits.max_events)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, close_fds=True)
        return self._proc

    def extract(self, path: Path, entry: Any, gazetteer: Any = None) -> Any:
        """The file's ReportExtraction, or None when it holds no text; ReportReadError when it cannot
        be read, ReportRejected when it broke the reader or a limit."""
        proc = self._start()
        assert proc.stdin is not None and proc.stdout is not None
        deadline = time.monotonic() + self.limits.seconds * 2 + 10  # CPU is the limit; this is for a stuck child
        try:
            _send(proc.stdin, (str(path), entry))
            reply = _receive(proc.stdout, deadline)
        except (OSError, EOFError, TimeoutError, pickle.UnpicklingError) as exc:
            why = self._failure(proc, exc)
            raise ReportRejected(f"{path.name}: {why}") from None
        kind = reply[0]
        if kind == "ok":
            extraction, warnings = reply[1], reply[2]
            self.warnings.extend(warnings)
            return extraction
        if kind == "unreadable":
            raise ReportReadError(reply[1])
        raise ReportRejected(f"{path.name}: {reply[1]}")

    def _failure(self, proc: subprocess.Popen[bytes], exc: BaseException) -> str:
        """Why the child gave no answer; the child is stopped (a new one serves the next file)."""
        if isinstance(exc, EOFError):  # it closed its end: it is dying, give the kernel a moment to say why
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        if proc.poll() is None:
            proc.kill()
            proc.wait()
            why = (f"reading took longer than {self.limits.seconds * 2 + 10:.0f} s and was stopped"
                   if isinstance(exc, TimeoutError) else f"the reading process failed ({type(exc).__name__}: {exc})")
        elif proc.returncode == -signal.SIGXCPU or proc.returncode == -signal.SIGKILL:
            why = f"reading took more than {self.limits.seconds:.0f} s of CPU time and was stopped"
        elif proc.returncode < 0:
            why = f"the reading process died ({signal.Signals(-proc.returncode).name})"
        else:
            why = f"the reading process ended unexpectedly ({type(exc).__name__}, exit {proc.returncode})"
        self._reap(proc)
        self._proc = None
        return why

    def _reap(self, proc: subprocess.Popen[bytes]) -> None:
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                try:
                    stream.close()
                except OSError:
                    pass
        # ru_maxrss of children is the largest of any child waited for (kB on Linux).
        self.peak_rss_mb = max(self.peak_rss_mb, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)


def _send(stream: BinaryIO, obj: Any) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _read_exact(stream: BinaryIO, n: int, deadline: float | None) -> bytes:
    fd = stream.fileno()
    chunks: list[bytes] = []
    while n > 0:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise TimeoutError("no answer in time")
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            raise EOFError("the other side closed the pipe")
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def _receive(stream: BinaryIO, deadline: float | None) -> Any:
    (size,) = _HEADER.unpack(_read_exact(stream, _HEADER.size, deadline))
    return pickle.loads(_read_exact(stream, size, deadline))  # noqa: S301 - our own child process


# --- the child ----------------------------------------------------------------------------------

def _child(memory_mb: int, seconds: float, max_events: int) -> int:
    """Serve extraction requests on stdin until it closes."""
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 2**20, memory_mb * 2**20))
    os.nice(10)  # reading yields the CPU to the process answering questions
    from knowledge.build import extract_report
    from knowledge.gazetteer import default_gazetteer

    gazetteer = default_gazetteer()
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the replies
    while True:
        try:
            path_text, entry = _receive(stdin, None)
        except EOFError:
            return 0
        path = Path(path_text)
        used = resource.getrusage(resource.RUSAGE_SELF)
        cpu = used.ru_utime + used.ru_stime
        # The kernel sends SIGXCPU (which ends the process) at the soft limit: this file's share of CPU
        # time only. The hard limit stays as it was: once lowered it could not be raised for the next file.
        hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
        soft = int(cpu + seconds) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))
        reply: tuple[Any, ...]
        try:
            found = extract_report(path, entry, gazetteer)
            warnings: list[str] = []
            if found is not None and len(found.events) > max_events:
                warnings.append(f"{path.name}: {len(found.events)} events found; only the first {max_events} are "
                                "kept (the cap on events per file)")
                found = replace(found, events=found.events[:max_events])
            reply = ("ok", found, warnings)
        except MemoryError:
            reply = ("rejected", f"reading needed more than {memory_mb} MB of memory and was stopped")
        except ReportReadError as exc:
            reply = ("unreadable", str(exc))
        except RecursionError:
            reply = ("rejected", "the file is nested too deeply to read")
        except Exception as exc:  # noqa: BLE001 - any failure of a reader on a file rejects that file
            reply = ("rejected", f"the reader failed ({type(exc).__name__}: {str(exc)[:200]})")
        try:
            _send(stdout, reply)
        except MemoryError:
            _send(stdout, ("rejected", f"the extraction needed more than {memory_mb} MB of memory"))


if __name__ == "__main__":
    sys.exit(_child(int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])))
