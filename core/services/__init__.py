"""Services: the only code that writes the store.

Each function takes ``session`` (from ``core.persistence.unit_of_work``) as
its first argument and keyword-only values already parsed by
``core.domain.fields``. The audit hook records every change they make.
"""

# The review's listener voids an approval on any later change of the case: installed
# with the services package, so that no service path can write without it.
from core.services import review as _review

_review.install()
