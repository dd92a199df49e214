"""Public pages, one module per noun; each view is a few lines over portal's read-side modules."""
