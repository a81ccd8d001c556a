"""PyInstaller's runtime hook for multiprocessing, run only where it is needed.

PyInstaller's own hook (``PyInstaller/hooks/rthooks/pyi_rth_multiprocessing.py``) imports
multiprocessing, multiprocessing.spawn and subprocess at every start of the program, 17 ms
of CPU or more, to make ``multiprocessing.freeze_support()`` divert the bundled program's
child processes to their work. Only those children need it: a document or the rows of an
Excel file written in a child (``desktop_app/documents/process.py``,
``desktop_app/excel/producer.py``), started as ``lianjian --multiprocessing-fork …``, and
multiprocessing's resource tracker, started as ``lianjian … -c "from multiprocessing…"``.
So this hook runs PyInstaller's, copied into the bundle unchanged by ``build/lianjian.spec``
(``multiprocessing_rthook/``), in those processes only; the launchers then call
``freeze_support()`` (``desktop_app/child_process.py``). In the program itself multiprocessing
is imported when a child is first started, as from source.
"""


def _lianjian_rthook():
    import os
    import sys

    if sys.argv[1:2] != ["--multiprocessing-fork"] and "-c" not in sys.argv:
        return
    path = os.path.join(sys._MEIPASS, "multiprocessing_rthook", "pyi_rth_multiprocessing.py")
    with open(path, encoding="utf-8") as source:
        code = compile(source.read(), path, "exec")
    exec(code, {"__name__": "pyi_rth_multiprocessing", "__file__": path})


_lianjian_rthook()
del _lianjian_rthook
