"""The Evidence room of the case workspace: the tab (:mod:`gui.evidence.tab`), the exhibits
model, the type icons, the preview pane and the dialogs (add, withdraw, hand-over)."""
