"""Every size the layout uses, in px, named for what it separates.

The layout and the drawing read these names; a number written inline there
would be a spacing nobody can find again. Sizes of one row band, top to
bottom, are in the order the band is built.
"""
from __future__ import annotations

# -- type ------------------------------------------------------------------
FONT = 13.0           # messages, notes, group labels
LINE = 17.0
PART_FONT = 14.0
PART_LINE = 18.0
TITLE_FONT = 17.0
TITLE_LINE = 22.0

# -- the page and the participants -------------------------------------------
MARGIN = 12.0
TITLE_GAP = 8.0       # title to the participant heads
HEAD_GAP = 10.0       # participant heads to the first row
FOOT_GAP = 8.0        # last row to the participant feet
PART_PAD_X = 12.0
PART_PAD_Y = 7.0
PART_MIN_W = 56.0
ACTOR_FIGURE_H = 30.0
ACTOR_FIGURE_W = 22.0
ACTOR_LABEL_GAP = 4.0  # stick figure to its name
DESTROYED_MIN_LIFE = 6.0  # lifeline left below a head destroyed on its own row
COL_GAP = 18.0        # between neighbouring boxes and bars

# -- activation bars ---------------------------------------------------------
BAR_W = 10.0
BAR_STEP = 5.0        # offset of a nested bar
BAR_MIN_H = 8.0

# -- rows --------------------------------------------------------------------
ROW_GAP = 4.0         # band edge to what the row draws (note, frame edge, self label)
LABEL_PAD = 10.0      # message label to the arrow's ends
ARROW_MIN = 36.0
MSG_PAD_TOP = 5.0     # band top to a message's label (or to its arrow, plus
                      # NO_LABEL_GAP, when it has no text)
LABEL_ABOVE_LINE = 3.0  # bottom of a message label to its arrow
NO_LABEL_GAP = 5.0
MSG_PAD_BOTTOM = 7.0  # arrow to the band's bottom
CREATED_PAD_BOTTOM = 6.0  # created head's bottom to the band's bottom
SELF_W = 28.0
SELF_MIN_H = 14.0
SELF_LABEL_GAP = 6.0  # loop of a self message to its label
SELF_LABEL_BELOW = 2.0  # label bottom to the loop's return
SELF_PAD_BOTTOM = 8.0
NOTE_PAD_X = 8.0
NOTE_PAD_Y = 5.0
NOTE_SIDE_GAP = 4.0   # a left/right note and its lifeline
NOTE_SPAN_EXT = 10.0  # how far a spanning note reaches past its lifelines

# -- group frames --------------------------------------------------------------
FRAME_PAD = 8.0
TAB_PAD_X = 8.0
TAB_PAD_Y = 2.0       # frame edge (or divider) to the keyword or label under it
TAB_CUT = 6.0
FRAME_LABEL_GAP = 8.0  # tab to the [label], and a label to the frame's right edge
ELSE_GAP = 6.0        # band of an `else` without a label, below its divider
END_ROW_H = 8.0       # band of a group's `end`
DESTROY_SIZE = 7.0

# -- wrapping (wrap.py) ---------------------------------------------------------
# A diagram wider than this gets its texts wrapped. A page scales a diagram
# down until its FONT-px text is 10 px; 1380 px is what a 1440 px window
# leaves the diagram, so 1380 * FONT / 10 is the widest diagram it shows whole.
WRAP_BUDGET_W = 1380.0 * FONT / 10.0
# Minimum text widths tried in turn, widest first, until the diagram fits
# the budget: wrap only as much as the diagram needs, never one word a line.
WRAP_MIN_STEPS = (320.0, 280.0, 240.0, 210.0, 180.0, 150.0)
# Participant names are broken (at spaces) to this text width, as a last step.
PART_WRAP_W = 100.0
