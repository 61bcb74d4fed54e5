"""The processes a load run needs: Redis (the shared cache), gunicorn for the site and for the
bare view, and a sampler of the workers' memory. All started here are stopped here."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOGS = ROOT / ".cache" / "bench-logs"


class Process:
    def __init__(self, name: str, command: list[str], env: dict[str, str], cwd: Path = ROOT) -> None:
        LOGS.mkdir(parents=True, exist_ok=True)
        self.name = name
        self.log = open(LOGS / f"{name}.log", "w")  # noqa: SIM115 - closed in stop()
        self.popen = subprocess.Popen(command, cwd=cwd, env=env, stdout=self.log, stderr=subprocess.STDOUT)

    @property
    def pid(self) -> int:
        return self.popen.pid

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()
        self.log.close()


def start_redis(port: int) -> tuple[Process, Path]:
    data = Path(tempfile.mkdtemp(prefix="minga-bench-redis-"))
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    command += ["--dir", str(data), "--maxmemory", "512mb", "--maxmemory-policy", "allkeys-lru"]
    return Process("redis", command, dict(os.environ)), data


def start_gunicorn(name: str, app: str, port: int, env: dict[str, str], workers: int) -> Process:
    env = {**env, "PORT": str(port), "WEB_CONCURRENCY": str(workers)}
    gunicorn = str(ROOT / ".venv" / "bin" / "gunicorn")
    return Process(name, [gunicorn, "-c", "gunicorn.conf.py", app], env)


def wait_until_up(url: str, process: Process, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.popen.poll() is not None:
            raise RuntimeError(f"{process.name} exited; see {process.log.name}")
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{process.name} did not answer {url} within {timeout}s")


def worker_pids(master: int) -> list[int]:
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    except OSError:
        return []
    return [int(pid) for pid in children]


def memory_kb(pid: int) -> dict[str, int]:
    values = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _sep, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0])
    except OSError:
        pass
    return values


class MemorySampler(threading.Thread):
    """Peak resident memory of every worker gunicorn ran, restarts included (VmHWM is the peak of
    a process's life; sampled 4 times a second so a worker recycled mid-run is not missed)."""

    def __init__(self, master: int) -> None:
        super().__init__(daemon=True)
        self.master = master
        self.peaks: dict[int, int] = {}
        self.running = True

    def run(self) -> None:
        while self.running:
            for pid in worker_pids(self.master):
                memory = memory_kb(pid)
                peak = max(memory.get("VmHWM", 0), memory.get("VmRSS", 0))
                self.peaks[pid] = max(self.peaks.get(pid, 0), peak)
            time.sleep(0.25)

    def stop(self) -> dict:
        self.running = False
        self.join()
        return {"workers_seen": len(self.peaks), "peak_rss_mb": round(max(self.peaks.values(), default=0) / 1024, 1)}


def remove(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
