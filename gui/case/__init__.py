"""The case room: the workspace that shows one case, and its findings."""
