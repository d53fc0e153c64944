"""Services: the only code that writes the store.

Each function takes ``session`` (from ``core.persistence.unit_of_work``) as
its first argument and keyword-only values already parsed by
``core.domain.fields``. The audit hook records every change they make.
"""
