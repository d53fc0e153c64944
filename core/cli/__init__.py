"""The ``zeromile`` command line: a stable contract for inspectors and scripts."""
