"""The featurizer's cache fingerprint follows the model it embeds with, wherever the path comes from."""
from pathlib import Path

from nlu.e5_featurizer import MODEL_PATH_ENV, E5SentenceFeaturizer


def _fake_model(folder: Path, size: int) -> Path:
    folder.mkdir()
    (folder / "model.safetensors").write_bytes(b"0" * size)
    return folder


def test_fingerprint_changes_when_the_environment_points_at_another_model(tmp_path, monkeypatch) -> None:
    config = E5SentenceFeaturizer.get_default_config()
    monkeypatch.setenv(MODEL_PATH_ENV, str(_fake_model(tmp_path / "a", 10)))
    first = E5SentenceFeaturizer.fingerprint_addon(config)
    monkeypatch.setenv(MODEL_PATH_ENV, str(_fake_model(tmp_path / "b", 10)))
    assert E5SentenceFeaturizer.fingerprint_addon(config) != first


def test_fingerprint_changes_when_the_weights_are_replaced(tmp_path, monkeypatch) -> None:
    config = E5SentenceFeaturizer.get_default_config()
    folder = _fake_model(tmp_path / "m", 10)
    monkeypatch.setenv(MODEL_PATH_ENV, str(folder))
    before = E5SentenceFeaturizer.fingerprint_addon(config)
    (folder / "model.safetensors").write_bytes(b"1" * 12)
    assert E5SentenceFeaturizer.fingerprint_addon(config) != before
