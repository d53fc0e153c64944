"""Forms generated from the core's field specs: the editors (:mod:`gui.forms.fields`)
and the case's own form (:mod:`gui.forms.case`)."""
