#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Start-up benchmark: Otasuke against a bare GTK 4 + libadwaita window.

Measures, for each program, the time from process start to the first drawn
frame and the peak memory (maximum resident set size), alternating the two
programs run by run, and prints the medians and the ratio against the targets:
first frame within 1.3x the bare window, peak memory within 20 MB of it.

Both programs print `first-frame <usec>` (CLOCK_MONOTONIC) on their first
frame and quit when OTASUKE_BENCH_FIRST_FRAME is set (ui/otasuke-bench.c).

Every run gets GSK_RENDERER=cairo, GSETTINGS_BACKEND=memory, no
accessibility bus, a private D-Bus session bus (one for all runs) and,
unless --warm is given, a fresh private XDG data/config/cache/state tree, so
Otasuke creates its database on every run. One Xvfb serves all runs.

Usage:
    ninja -C _build ui/otasuke build-aux/otasuke-bare-window
    build-aux/bench-startup.py [--builddir _build] [--runs 15] [--warm]
                               [--otasuke PATH] [--bare PATH]
                               [--use-display] [--timeout 20] [--json]

Exit status: 0 when every run succeeded, even if a target is missed (it is a
benchmark, not a test); 1 when runs failed (timeout, crash, no frame); 2 on
usage or set-up errors.
"""

import argparse
import json
import os
import select
import shutil
import signal
import statistics
import sys
import tempfile
import time

from benchlib import SetupError, bench_env, log, make_xdg_tree, start_session, stop

FIRST_FRAME_TARGET = 1.30
MEMORY_TARGET_MB = 20.0
RUN_TIMEOUT_S = 20.0
MIN_RUNS = 10


def run_once(path, env, log_path, timeout):
    """One run. Returns a dict with first_frame_ms and peak_rss_mb, or error."""
    read_fd, write_fd = os.pipe()
    log_fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    file_actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_DUP2, write_fd, 1),
        (os.POSIX_SPAWN_DUP2, log_fd, 2),
    ]
    try:
        t0 = time.monotonic_ns()
        pid = os.posix_spawn(path, [path], env, file_actions=file_actions, setsid=True)
    finally:
        os.close(write_fd)
        os.close(log_fd)

    deadline = time.monotonic() + timeout
    buf = b''
    usec = None
    eof = False
    try:
        while usec is None and not eof:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            ready, _, _ = select.select([read_fd], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(read_fd, 4096)
            if not chunk:
                eof = True
            buf += chunk
            while b'\n' in buf and usec is None:
                line, buf = buf.split(b'\n', 1)
                parts = line.split()
                if len(parts) == 2 and parts[0] == b'first-frame':
                    usec = int(parts[1])

        # Wait for the exit (peak memory is only known then), same deadline.
        status = rusage = None
        while True:
            wpid, status, rusage = os.wait4(pid, os.WNOHANG)
            if wpid == pid:
                break
            if time.monotonic() >= deadline:
                os.killpg(pid, signal.SIGKILL)  # its own session: helpers go too
                os.wait4(pid, 0)
                return {'error': f'timed out after {timeout:g} s'
                                 + ('' if usec is not None else ' without a first frame')}
            # Drain stdout so a chatty child cannot block on a full pipe.
            ready, _, _ = select.select([read_fd], [], [], 0.005)
            if ready and not os.read(read_fd, 4096):
                ready, _, _ = select.select([], [], [], 0.005)
    finally:
        os.close(read_fd)

    if os.WIFSIGNALED(status):
        return {'error': f'killed by signal {os.WTERMSIG(status)}'}
    if os.WEXITSTATUS(status) != 0:
        return {'error': f'exit status {os.WEXITSTATUS(status)}'}
    if usec is None:
        return {'error': 'exited without printing first-frame'}
    return {
        'first_frame_ms': (usec * 1000 - t0) / 1e6,
        'peak_rss_mb': rusage.ru_maxrss / 1024.0,  # KiB on Linux
    }


def summarise(values):
    return {
        'median': statistics.median(values),
        'min': min(values),
        'max': max(values),
    }


def main():
    parser = argparse.ArgumentParser(
        description='Time to first frame and peak memory: Otasuke vs a bare window.',
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split('Usage:')[1])
    parser.add_argument('--builddir', default='_build', help='build directory (default: _build)')
    parser.add_argument('--runs', type=int, default=15,
                        help=f'measured runs per program (default: 15, at least {MIN_RUNS})')
    parser.add_argument('--otasuke', help='program to measure (default: BUILDDIR/ui/otasuke)')
    parser.add_argument('--bare', help='baseline (default: BUILDDIR/build-aux/otasuke-bare-window)')
    parser.add_argument('--warm', action='store_true',
                        help='keep one XDG tree per program across runs (warm database and caches)')
    parser.add_argument('--timeout', type=float, default=RUN_TIMEOUT_S,
                        help=f'seconds before a run is killed (default: {RUN_TIMEOUT_S:g})')
    parser.add_argument('--use-display', action='store_true',
                        help='use the existing $DISPLAY instead of starting Xvfb')
    parser.add_argument('--json', action='store_true', help='print the figures as JSON')
    args = parser.parse_args()

    if args.runs < MIN_RUNS:
        parser.error(f'--runs must be at least {MIN_RUNS}')

    builddir = os.path.abspath(args.builddir)
    programs = {
        'bare': os.path.abspath(args.bare or os.path.join(builddir, 'build-aux', 'otasuke-bare-window')),
        'otasuke': os.path.abspath(args.otasuke or os.path.join(builddir, 'ui', 'otasuke')),
    }
    for name, path in programs.items():
        if not os.access(path, os.X_OK):
            log(f'error: {name} program {path} not found; build it first '
                f'(ninja -C {args.builddir} ui/otasuke build-aux/otasuke-bare-window)')
            return 2
    schema_dir = os.path.join(builddir, 'resources')
    if not os.path.exists(os.path.join(schema_dir, 'gschemas.compiled')):
        log(f'warning: {schema_dir}/gschemas.compiled missing; otasuke may abort on its settings')

    scratch = tempfile.mkdtemp(prefix='otasuke-bench-')
    session = []
    try:
        base_env = bench_env(scratch, schema_dir, OTASUKE_BENCH_FIRST_FRAME='1')
        session = start_session(base_env, args.use_display)
        display, address = base_env['DISPLAY'], base_env['DBUS_SESSION_BUS_ADDRESS']
        log(f'display {display}, bus {address}, {args.runs} runs each '
            f'({"warm" if args.warm else "cold"} XDG tree)')

        results = {name: [] for name in programs}
        failures = []
        order = ['bare', 'otasuke']
        # Run 0 is the warm-up of each program (page cache, fontconfig), discarded.
        for i in range(args.runs + 1):
            for name in order:
                if args.warm:
                    xdg_root = os.path.join(scratch, 'xdg-' + name)
                else:
                    xdg_root = tempfile.mkdtemp(prefix=f'xdg-{name}-{i}-', dir=scratch)
                env = dict(base_env, **make_xdg_tree(xdg_root))
                log_path = os.path.join(scratch, f'{name}-{i}.log')
                res = run_once(programs[name], env, log_path, args.timeout)
                label = 'warm-up' if i == 0 else f'run {i:2d}'
                if 'error' in res:
                    with open(log_path, errors='replace') as f:
                        tail = f.read()[-2000:]
                    log(f'{label} {name:8s} FAILED: {res["error"]}\n{tail}')
                    failures.append({'program': name, 'run': i, 'error': res['error'],
                                     'stderr_tail': tail})
                    continue
                log(f'{label} {name:8s} first frame {res["first_frame_ms"]:7.1f} ms  '
                    f'peak {res["peak_rss_mb"]:6.1f} MB')
                if i > 0:
                    results[name].append(res)
                if not args.warm:
                    shutil.rmtree(xdg_root, ignore_errors=True)
    except SetupError as e:
        log(f'error: {e}')
        return 2
    finally:
        stop(*session)
        shutil.rmtree(scratch, ignore_errors=True)

    if not results['bare'] or not results['otasuke']:
        log('error: no successful runs for at least one program')
        if args.json:
            print(json.dumps({'failures': failures}, indent=2))
        return 1

    figures = {}
    for name in order:
        figures[name] = {
            'path': programs[name],
            'runs': len(results[name]),
            'first_frame_ms': summarise([r['first_frame_ms'] for r in results[name]]),
            'peak_rss_mb': summarise([r['peak_rss_mb'] for r in results[name]]),
        }
    ratio = figures['otasuke']['first_frame_ms']['median'] / figures['bare']['first_frame_ms']['median']
    mem_diff = figures['otasuke']['peak_rss_mb']['median'] - figures['bare']['peak_rss_mb']['median']
    ratio_pass = ratio <= FIRST_FRAME_TARGET
    mem_pass = mem_diff <= MEMORY_TARGET_MB

    if args.json:
        print(json.dumps({
            'renderer': 'cairo',
            'cold': not args.warm,
            'programs': figures,
            'first_frame_ratio': ratio,
            'first_frame_ratio_target': FIRST_FRAME_TARGET,
            'first_frame_pass': ratio_pass,
            'peak_memory_difference_mb': mem_diff,
            'peak_memory_difference_target_mb': MEMORY_TARGET_MB,
            'peak_memory_pass': mem_pass,
            'failures': failures,
        }, indent=2))
    else:
        print(f'{"program":10s} {"runs":>4s}   {"first frame ms (median  min  max)":>34s}   '
              f'{"peak RSS MB (median  min  max)":>31s}')
        for name in order:
            f = figures[name]
            ff, mem = f['first_frame_ms'], f['peak_rss_mb']
            print(f'{name:10s} {f["runs"]:4d}   {ff["median"]:14.1f} {ff["min"]:8.1f} {ff["max"]:8.1f}   '
                  f'{mem["median"]:14.1f} {mem["min"]:7.1f} {mem["max"]:7.1f}')
        print(f'ratio first-frame otasuke/bare = {ratio:.2f} (target <= {FIRST_FRAME_TARGET:.2f}) '
              f'{"PASS" if ratio_pass else "MISS"}')
        print(f'peak memory difference = {mem_diff:+.1f} MB (target <= {MEMORY_TARGET_MB:.0f} MB) '
              f'{"PASS" if mem_pass else "MISS"}')
        if failures:
            print(f'{len(failures)} run(s) failed')

    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
