# SPDX-License-Identifier: GPL-3.0-or-later
"""What the GUI benchmarks share: one Xvfb, a private D-Bus session bus and
private XDG trees, so the programs measured see nothing of the desktop."""

import os
import select
import shutil
import subprocess
import sys
import time


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
    # Its stderr only carries a harmless fd-limit complaint when not root.
    proc = subprocess.Popen([daemon, '--session', '--nofork', '--print-address=1'],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    ready, _, _ = select.select([proc.stdout], [], [], 10)
    address = proc.stdout.readline().decode().strip() if ready else ''
    if not address:
        proc.kill()
        _, err = proc.communicate()
        raise SetupError('dbus-daemon did not print its address: ' + err.decode(errors='replace'))
    proc.stderr.close()
    return proc, address


def make_xdg_tree(root, home=False):
    """Create data/config/cache/state (and home, if asked) under root; return their variables."""
    env = {}
    dirs = (('XDG_DATA_HOME', 'data'), ('XDG_CONFIG_HOME', 'config'),
            ('XDG_CACHE_HOME', 'cache'), ('XDG_STATE_HOME', 'state'))
    for var, sub in ((('HOME', 'home'),) if home else ()) + dirs:
        path = os.path.join(root, sub)
        os.makedirs(path, exist_ok=True)
        env[var] = path
    return env


def bench_env(scratch, schema_dir, drop=(), **extra):
    """The caller's environment without what would reach the desktop or change
    the drawing (and without the names in drop), with a private runtime
    directory under scratch, the cairo renderer, memory settings, no
    accessibility bus, and extra."""
    env = {k: v for k, v in os.environ.items()
           if k not in ('DBUS_SESSION_BUS_ADDRESS', 'WAYLAND_DISPLAY', 'GTK_DEBUG', 'GDK_DEBUG',
                        'G_MESSAGES_DEBUG', 'GTK_THEME', 'GSK_DEBUG') + tuple(drop)}
    runtime_dir = os.path.join(scratch, 'runtime')
    os.mkdir(runtime_dir, 0o700)
    env.update({
        'GDK_BACKEND': 'x11',
        'GSK_RENDERER': 'cairo',
        'GSETTINGS_BACKEND': 'memory',
        'GSETTINGS_SCHEMA_DIR': schema_dir,
        'NO_AT_BRIDGE': '1',
        'GTK_A11Y': 'none',
        'XDG_RUNTIME_DIR': runtime_dir,
    }, **extra)
    return env


def start_session(env, use_display):
    """Set DISPLAY (a new Xvfb unless use_display) and DBUS_SESSION_BUS_ADDRESS
    (a new bus) in env; return the processes started, for stop()."""
    xvfb = None
    if use_display:
        if not os.environ.get('DISPLAY'):
            raise SetupError('--use-display but $DISPLAY is not set')
        env['DISPLAY'] = os.environ['DISPLAY']
    else:
        xvfb, env['DISPLAY'] = start_xvfb()
    try:
        dbus, env['DBUS_SESSION_BUS_ADDRESS'] = start_dbus(env)
    except SetupError:
        stop(xvfb)
        raise
    return [dbus, xvfb]


def stop(*procs):
    """Terminate the processes (None is skipped), killing any that lingers."""
    for proc in procs:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
