"""TriageClassifier trains, persists through Rasa's ModelStorage, loads and predicts."""
from pathlib import Path

import numpy as np
import scipy.sparse

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, INTENT, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu.triage_classifier import TriageClassifier, urgency_label

RNG = np.random.default_rng(0)
CENTRES = {"child_abuse": RNG.normal(size=16), "bullying": RNG.normal(size=16)}


def _message(text: str, intent: str = None, urgency: str = None) -> Message:
    message = Message.build(text=text, intent=intent, intent_metadata={"urgency": urgency} if urgency else None)
    vector = CENTRES[intent or "child_abuse"] + RNG.normal(scale=0.1, size=16)
    message.add_features(Features(vector[None, :].astype(np.float32), FEATURE_TYPE_SENTENCE, TEXT, "e5"))
    counts = scipy.sparse.coo_matrix(RNG.integers(0, 3, size=(1, 8)).astype(np.float32))
    message.add_features(Features(counts, FEATURE_TYPE_SENTENCE, TEXT, "char_ngrams"))
    return message


def _component(tmp_path: Path):
    storage = LocalModelStorage(tmp_path)
    resource = Resource("triage")
    context = ExecutionContext(GraphSchema({}), "test")
    config = {**TriageClassifier.get_default_config()}
    return storage, resource, context, config


def test_trains_persists_loads_and_predicts_topic_and_urgency(tmp_path: Path) -> None:
    storage, resource, context, config = _component(tmp_path)
    examples = [_message(f"a{i}", "child_abuse", "high") for i in range(10)]
    examples += [_message(f"b{i}", "bullying", "normal") for i in range(10)]
    TriageClassifier.create(config, storage, resource, context).train(TrainingData(examples))

    loaded = TriageClassifier.load(config, storage, resource, context)
    new = Message(data={TEXT: "new"})
    new.features = _message("x", "bullying").features
    loaded.process([new])
    assert new.get(INTENT)["name"] == "bullying"
    assert new.get("urgency")["name"] == "normal"
    assert set(new.get("urgency")["scores"]) == {"high", "normal"}


def test_untrained_component_leaves_messages_alone(tmp_path: Path) -> None:
    storage, resource, context, config = _component(tmp_path)
    component = TriageClassifier.load(config, storage, resource, context)
    message = Message(data={TEXT: "x"})
    message.features = _message("x", "bullying").features
    component.process([message])
    assert message.get(INTENT) is None and message.get("urgency") is None


def test_urgency_comes_from_intent_metadata() -> None:
    assert urgency_label(Message.build("x", "child_abuse", intent_metadata={"urgency": "acute"})) == "acute"
    assert urgency_label(Message.build("x", "greet")) == "normal"


def test_urgency_head_has_its_own_regularisation_when_configured(tmp_path: Path) -> None:
    """`urgency_C` softens only the urgency head: its probabilities move, the topic head's do not."""
    examples = [_message(f"a{i}", "child_abuse", "acute") for i in range(10)]
    examples += [_message(f"b{i}", "bullying", "normal") for i in range(10)]
    probe = _message("p", "bullying")
    outputs = []
    for index, urgency_c in enumerate((None, 0.01)):
        (tmp_path / str(index)).mkdir()
        storage, resource, context, config = _component(tmp_path / str(index))
        config["urgency_C"] = urgency_c
        component = TriageClassifier.create(config, storage, resource, context)
        component.train(TrainingData(examples))
        message = Message(data={TEXT: "new"})
        message.features = probe.features
        component.process([message])
        outputs.append((message.get(INTENT)["confidence"], message.get("urgency")["scores"]["normal"]))
    (topic_default, normal_default), (topic_soft, normal_soft) = outputs
    assert topic_soft == topic_default
    assert normal_soft < normal_default


def test_topic_only_examples_teach_the_topic_head_but_not_the_urgency_head(tmp_path: Path) -> None:
    """A `topic_only: true` block adds its topic; the urgency head never sees its urgency label."""
    from nlu.triage_classifier import teaches_urgency

    examples = [_message(f"a{i}", "child_abuse", "high") for i in range(10)]
    examples += [_message(f"b{i}", "bullying", "normal") for i in range(10)]
    topic_only = []
    for i in range(10):
        message = _message(f"c{i}", "child_abuse")
        message.set("metadata", {"intent": {"urgency": "acute", "topic_only": True}})
        topic_only.append(message)
    assert not any(map(teaches_urgency, topic_only)) and all(map(teaches_urgency, examples))

    storage, resource, context, config = _component(tmp_path)
    component = TriageClassifier.create(config, storage, resource, context)
    component.train(TrainingData(examples + topic_only))
    assert component._urgency_head.classes == ["high", "normal"]  # no acute: that label was topic-only
    assert set(component._intent_head.classes) == {"child_abuse", "bullying"}
