"""Start-up without the cyclic garbage collector.

Importing typer, pydantic and the commands, and typer reading the command line,
make a few hundred thousand objects that live as long as the process and no
garbage worth collecting. The collector would walk them over and over (about
15 ms of a one-file lint), so it is paused until the command begins its work;
then everything made so far is set aside (gc.freeze) and collection goes on as
before. That is done once per process: a caller that runs commands one after
another in one process (tests do) would otherwise set aside each run's garbage
for good. Only a pause made here is ended here: a caller that turned the
collector off keeps it off.
"""

from __future__ import annotations

import gc

_paused = False
_started = False  # a command has begun its work in this process


def pause_collector() -> None:
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collector(command_begins: bool = False) -> None:
    global _paused, _started
    if _paused:
        _paused = False
        if not _started:
            gc.freeze()
        gc.enable()
    _started = _started or command_begins
