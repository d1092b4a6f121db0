"""One repository per aggregate; each gets the unit of work's session."""
