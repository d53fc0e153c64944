"""The Shipments & Vehicles room: the tab (:mod:`gui.vehicles.tab`) and the record
forms (:mod:`gui.vehicles.forms`). Saving is ``core.services.records.save_record``."""
