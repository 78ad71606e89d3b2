"""The knowledge base: load, validate and query the YAML in `data/`."""

from generator.data.load import Atlas, DataFile, discover, load_atlas, load_questions
from generator.data.models import Answer, Case, Citation, Event, Instrument, Jurisdiction, Question

__all__ = [
    "Answer", "Atlas", "Case", "Citation", "DataFile", "Event", "Instrument", "Jurisdiction", "Question",
    "discover", "load_atlas", "load_questions",
]
