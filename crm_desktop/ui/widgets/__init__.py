"""The widget kit every screen builds on: palette, money and date text, the rows model and
list view, lookup combos and pickers, the shared activity and follow-up dialogs."""
