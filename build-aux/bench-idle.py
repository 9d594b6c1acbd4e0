#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Idle wake-ups: `otasuke --background` against a bare GTK 4 + libadwaita window.

Starts both programs side by side under one Xvfb with a private D-Bus session
bus and private XDG trees, lets them settle, then counts their voluntary
context switches (each one a wake-up from sleep: a timer, a poll, a message)
over an idle stretch and prints wake-ups per minute for each. The target is
at most one a minute for Otasuke in the background: no polling timers.

Counts come from /proc/PID/task/*/status (voluntary_ctxt_switches), sampled
every few seconds per thread, so threads that start or end in between are
counted too. The sampling itself does not wake the programs.

Usage:
    ninja -C _build ui/otasuke build-aux/otasuke-bare-window
    build-aux/bench-idle.py [--builddir _build] [--seconds 300] [--settle 10]
                            [--interval 5] [--use-display] [--json] [--threads]

Exit status: 0 when both programs ran the whole time (whatever the figures);
1 when one of them died; 2 on usage or set-up errors.
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from benchlib import SetupError, bench_env, log, make_xdg_tree, start_session, stop

TARGET_PER_MINUTE = 1.0


def read_threads(pid):
    """{tid: (comm, voluntary_ctxt_switches)} for the live threads of pid."""
    threads = {}
    task_dir = f'/proc/{pid}/task'
    try:
        tids = os.listdir(task_dir)
    except FileNotFoundError:
        return None
    for tid in tids:
        try:
            with open(f'{task_dir}/{tid}/status') as f:
                status = f.read()
            with open(f'{task_dir}/{tid}/comm') as f:
                comm = f.read().strip()
        except (FileNotFoundError, ProcessLookupError):
            continue  # ended just now
        for line in status.splitlines():
            if line.startswith('voluntary_ctxt_switches:'):
                threads[int(tid)] = (comm, int(line.split()[1]))
                break
    return threads


class Counter:
    """Wake-ups of one process since the first sample, summed over its threads."""

    def __init__(self, pid):
        self.pid = pid
        self.first = {}      # tid -> count at its first sight
        self.last = {}       # tid -> (comm, last count)
        self.started = None

    def sample(self, baseline=False):
        threads = read_threads(self.pid)
        if threads is None:
            return False
        for tid, (comm, count) in threads.items():
            if tid not in self.first:
                # Threads born during the measurement count from zero.
                self.first[tid] = count if baseline else 0
            self.last[tid] = (comm, count)
        return True

    def total(self):
        return sum(count - self.first[tid] for tid, (_, count) in self.last.items())

    def per_thread(self):
        out = {}
        for tid, (comm, count) in self.last.items():
            delta = count - self.first[tid]
            if delta:
                out[f'{comm}[{tid}]'] = delta
        return out


def alive(proc):
    return proc.poll() is None


def main():
    parser = argparse.ArgumentParser(
        description='Idle wake-ups per minute: otasuke --background vs a bare window.',
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split('Usage:')[1])
    parser.add_argument('--builddir', default='_build', help='build directory (default: _build)')
    parser.add_argument('--seconds', type=float, default=300,
                        help='idle stretch measured, in seconds (default: 300)')
    parser.add_argument('--settle', type=float, default=10,
                        help='seconds to wait after start before measuring (default: 10)')
    parser.add_argument('--interval', type=float, default=5,
                        help='seconds between samples of the thread counters (default: 5)')
    parser.add_argument('--otasuke', help='program to measure (default: BUILDDIR/ui/otasuke)')
    parser.add_argument('--bare', help='baseline (default: BUILDDIR/build-aux/otasuke-bare-window)')
    parser.add_argument('--use-display', action='store_true',
                        help='use the existing $DISPLAY instead of starting Xvfb')
    parser.add_argument('--threads', action='store_true', help='also print wake-ups per thread')
    parser.add_argument('--json', action='store_true', help='print the figures as JSON')
    args = parser.parse_args()

    if args.seconds <= 0 or args.settle < 0 or args.interval <= 0:
        parser.error('--seconds and --interval must be positive, --settle not negative')

    builddir = os.path.abspath(args.builddir)
    programs = {
        'otasuke': [os.path.abspath(args.otasuke or os.path.join(builddir, 'ui', 'otasuke')), '--background'],
        'bare': [os.path.abspath(args.bare or os.path.join(builddir, 'build-aux', 'otasuke-bare-window'))],
    }
    for name, argv in programs.items():
        if not os.access(argv[0], os.X_OK):
            log(f'error: {name} program {argv[0]} not found; build it first '
                f'(ninja -C {args.builddir} ui/otasuke build-aux/otasuke-bare-window)')
            return 2
    schema_dir = os.path.join(builddir, 'resources')
    if not os.path.exists(os.path.join(schema_dir, 'gschemas.compiled')):
        log(f'warning: {schema_dir}/gschemas.compiled missing; otasuke may abort on its settings')

    scratch = tempfile.mkdtemp(prefix='otasuke-bench-idle-')
    session = []
    procs = {}
    logs = {}
    try:
        base_env = bench_env(scratch, schema_dir, drop=('OTASUKE_BENCH_FIRST_FRAME',), LANG='C.UTF-8')
        session = start_session(base_env, args.use_display)
        display, address = base_env['DISPLAY'], base_env['DBUS_SESSION_BUS_ADDRESS']

        for name, argv in programs.items():
            env = dict(base_env, **make_xdg_tree(os.path.join(scratch, 'xdg-' + name), home=True))
            logs[name] = os.path.join(scratch, name + '.log')
            with open(logs[name], 'wb') as err:
                procs[name] = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL,
                                               stdout=subprocess.DEVNULL, stderr=err,
                                               start_new_session=True)
        log(f'display {display}, bus {address}; settling {args.settle:g} s, '
            f'then measuring {args.seconds:g} s')

        time.sleep(args.settle)
        for name, proc in procs.items():
            if not alive(proc):
                raise SetupError(f'{name} exited during start-up (status {proc.returncode}): '
                                 + open(logs[name], errors='replace').read()[-2000:])

        counters = {name: Counter(proc.pid) for name, proc in procs.items()}
        for counter in counters.values():
            counter.sample(baseline=True)
        start = time.monotonic()
        end = start + args.seconds
        died = []
        while True:
            now = time.monotonic()
            if now >= end:
                break
            time.sleep(min(args.interval, end - now))
            for name, counter in counters.items():
                if name not in died and (not alive(procs[name]) or not counter.sample()):
                    died.append(name)
                    log(f'error: {name} exited during the measurement')
        elapsed = time.monotonic() - start
        for name, counter in counters.items():
            if name not in died:
                counter.sample()
    except SetupError as e:
        log(f'error: {e}')
        return 2
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(5)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
        stop(*session)
        shutil.rmtree(scratch, ignore_errors=True)

    minutes = elapsed / 60.0
    figures = {}
    for name, counter in counters.items():
        figures[name] = {
            'command': ' '.join(programs[name]),
            'wakeups': counter.total(),
            'per_minute': counter.total() / minutes,
            'threads': counter.per_thread(),
        }
    otasuke_ok = figures['otasuke']['per_minute'] <= TARGET_PER_MINUTE

    if args.json:
        print(json.dumps({'seconds': elapsed, 'settle': args.settle, 'programs': figures,
                          'target_per_minute': TARGET_PER_MINUTE, 'otasuke_pass': otasuke_ok},
                         indent=2))
    else:
        print(f'Idle wake-ups over {elapsed:.0f} s ({minutes:.1f} min), after {args.settle:g} s to settle:')
        for name in ('otasuke', 'bare'):
            f = figures[name]
            print(f'  {f["command"]:60s} {f["wakeups"]:6d} wake-ups  {f["per_minute"]:7.2f} per minute')
            if args.threads:
                for thread, n in sorted(f['threads'].items(), key=lambda kv: -kv[1]):
                    print(f'      {thread:40s} {n:6d}')
        print(f'Target for otasuke --background: at most {TARGET_PER_MINUTE:g} per minute: '
              f'{"met" if otasuke_ok else "MISSED"}')
    return 1 if died else 0


if __name__ == '__main__':
    sys.exit(main())
