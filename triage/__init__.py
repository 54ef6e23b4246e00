"""The one triage path: NLU result + time + age + channel + conversation state -> contract JSON.

Entry points: `triage.service.Triage` (CLI, HTTP; runs the NLU itself) and
`triage.decide.decide` (the Rasa actions, which already have the NLU result).
"""
