#!/usr/bin/env bash
# Start-up time of `gatehouse serve`: milliseconds from exec to the outbound proxy's port accepting, to the inbound
# HTTPS port accepting and to /healthz answering 200, plus the CPU time the process had used by then, the median of
# RUNS starts on a fresh data directory and on an existing one (the usual case). Each listener gets a free port.
#
#   bench/startup.sh                                  # ./gatehouse (with its class archive) vs plain java -jar
#   bench/startup.sh 'before=java -jar /tmp/old.jar'  # any label=command; the command gets `serve ...` appended
#   RUNS=3 SEED_DIR=/tmp/data-with-certs bench/startup.sh   # "existing" starts on copies of SEED_DIR
#
# The commands take turns, so that a machine busy with something else slows all of them alike. Needs python3.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if (($# == 0)); then
    set -- "launcher=$here/gatehouse" "no-archive=java -jar $here/target/gatehouse.jar"
fi

exec python3 - "$@" <<'PY'
import os, shlex, shutil, socket, statistics, subprocess, sys, tempfile, time, urllib.request

RUNS = int(os.environ.get("RUNS", "5"))
SEED = os.environ.get("SEED_DIR")
TICK = os.sysconf("SC_CLK_TCK")


def free_ports(names):
    # All bound at once, so that no two listeners get the same port.
    sockets = [socket.socket() for _ in names]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    ports = {name: s.getsockname()[1] for name, s in zip(names, sockets)}
    for s in sockets:
        s.close()
    return ports


def accepts(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.05):
            return True
    except OSError:
        return False


def healthy(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as answer:
            return answer.status == 200
    except Exception:
        return False


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def start_once(command, data_dir, log):
    ports = free_ports(("admin", "out", "out_tls", "in_http", "in_https"))
    args = command + ["serve", "--data-dir", data_dir,
                      "--admin-address", f"127.0.0.1:{ports['admin']}",
                      "--outbound-address", f"127.0.0.1:{ports['out']}",
                      "--outbound-tls-address", f"127.0.0.1:{ports['out_tls']}",
                      "--inbound-http-address", f"127.0.0.1:{ports['in_http']}",
                      "--inbound-https-address", f"127.0.0.1:{ports['in_https']}"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("GATEHOUSE_")}
    start = time.monotonic()
    process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=env)
    seen = {}
    try:
        while len(seen) < 4:
            if time.monotonic() - start > 120:
                raise SystemExit(f"{args[0]} did not start within 120 s")
            if process.poll() is not None:
                log.flush()
                tail = open(log.name).read()[-3000:]
                raise SystemExit(f"{' '.join(args)}\nexited with {process.returncode}; its log ends with:\n{tail}")
            if "outbound" not in seen and accepts(ports["out"]):
                seen["outbound"] = (time.monotonic() - start) * 1000
            if "inbound" not in seen and accepts(ports["in_https"]):
                seen["inbound"] = (time.monotonic() - start) * 1000
            if "healthz" not in seen and accepts(ports["admin"]) and healthy(ports["admin"]):
                seen["healthz"] = (time.monotonic() - start) * 1000
                seen["cpu"] = cpu_seconds(process.pid) * 1000
            time.sleep(0.005)
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return seen


def main():
    commands = []
    for spec in sys.argv[1:]:
        label, _, command = spec.partition("=")
        commands.append((label, shlex.split(command)))
    work = tempfile.mkdtemp(prefix="gatehouse-startup-")
    log = open(os.path.join(work, "serve.log"), "w")
    try:
        existing = {}
        for label, command in commands:
            existing[label] = os.path.join(work, f"existing-{label}")
            if SEED:
                shutil.copytree(SEED, existing[label])
            else:
                start_once(command, existing[label], log)
        results = {(label, mode): [] for label, _ in commands for mode in ("fresh", "existing")}
        for run in range(RUNS):
            for mode in ("fresh", "existing"):
                for label, command in commands:
                    data_dir = existing[label] if mode == "existing" else os.path.join(work, f"fresh-{label}-{run}")
                    results[(label, mode)].append(start_once(command, data_dir, log))
        print(f"median of {RUNS} starts, ms   outbound  inbound  /healthz  cpu-by-healthz")
        for (label, mode), runs in results.items():
            medians = [statistics.median(r[key] for r in runs) for key in ("outbound", "inbound", "healthz", "cpu")]
            print(f"{label:>12} {mode:<8} " + "".join(f"{m:>9.0f}" for m in medians))
    finally:
        log.close()
        shutil.rmtree(work, ignore_errors=True)


main()
PY
