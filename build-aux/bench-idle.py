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
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

TARGET_PER_MINUTE = 1.0


def log(msg):
    print(msg, file=sys.stderr, flush=True)


class SetupError(Exception):
    pass


def start_xvfb():
    """Start one Xvfb on a free display; return (process, display)."""
    xvfb = shutil.which('Xvfb')
    if xvfb is None:
        raise SetupError('Xvfb not found (apt install xvfb), or use --use-display')
    for num in range(99, 200):
        sock = f'/tmp/.X11-unix/X{num}'
        if os.path.exists(sock) or os.path.exists(f'/tmp/.X{num}-lock'):
            continue
        proc = subprocess.Popen([xvfb, f':{num}', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                break  # display taken in the meantime: try the next one
            if os.path.exists(sock):
                return proc, f':{num}'
            time.sleep(0.02)
        else:
            proc.kill()
            proc.wait()
            raise SetupError(f'Xvfb :{num} did not come up within 10 s')
    raise SetupError('no free X display number between :99 and :199')


def start_dbus(env):
    """Start a private session bus; return (process, address)."""
    daemon = shutil.which('dbus-daemon')
    if daemon is None:
        raise SetupError('dbus-daemon not found')
    proc = subprocess.Popen([daemon, '--session', '--nofork', '--print-address=1'],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env=env)
    ready, _, _ = select.select([proc.stdout], [], [], 10)
    address = proc.stdout.readline().decode().strip() if ready else ''
    if not address:
        proc.kill()
        proc.wait()
        raise SetupError('dbus-daemon did not print its address')
    return proc, address


def make_xdg_tree(root):
    env = {}
    for var, sub in (('HOME', 'home'), ('XDG_DATA_HOME', 'data'), ('XDG_CONFIG_HOME', 'config'),
                     ('XDG_CACHE_HOME', 'cache'), ('XDG_STATE_HOME', 'state')):
        path = os.path.join(root, sub)
        os.makedirs(path, exist_ok=True)
        env[var] = path
    return env


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
    xvfb = dbus = None
    procs = {}
    logs = {}
    try:
        base_env = {k: v for k, v in os.environ.items()
                    if k not in ('DBUS_SESSION_BUS_ADDRESS', 'WAYLAND_DISPLAY', 'GTK_DEBUG',
                                 'GDK_DEBUG', 'G_MESSAGES_DEBUG', 'GTK_THEME', 'GSK_DEBUG',
                                 'OTASUKE_BENCH_FIRST_FRAME')}
        runtime_dir = os.path.join(scratch, 'runtime')
        os.mkdir(runtime_dir, 0o700)
        base_env.update({
            'GDK_BACKEND': 'x11',
            'GSK_RENDERER': 'cairo',
            'GSETTINGS_BACKEND': 'memory',
            'GSETTINGS_SCHEMA_DIR': schema_dir,
            'NO_AT_BRIDGE': '1',
            'GTK_A11Y': 'none',
            'XDG_RUNTIME_DIR': runtime_dir,
            'LANG': 'C.UTF-8',
        })

        if args.use_display:
            if not os.environ.get('DISPLAY'):
                log('error: --use-display but $DISPLAY is not set')
                return 2
            display = os.environ['DISPLAY']
        else:
            xvfb, display = start_xvfb()
        base_env['DISPLAY'] = display
        dbus, address = start_dbus(base_env)
        base_env['DBUS_SESSION_BUS_ADDRESS'] = address

        for name, argv in programs.items():
            env = dict(base_env, **make_xdg_tree(os.path.join(scratch, 'xdg-' + name)))
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
        for proc in (dbus, xvfb):
            if proc is not None:
                proc.terminate()
                try:
                    proc.wait(5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
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
