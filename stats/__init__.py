"""Anonymous demand statistics and the coverage map.

One event per handover decision, holding only coarse facts (date, hour of week, language,
topic, urgency, age band, channel, outcome, services offered); never text, sender or time of
day to the minute. See docs/stats.md and docs/coverage.md.
"""
