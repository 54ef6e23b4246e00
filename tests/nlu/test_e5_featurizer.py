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


def test_fingerprint_names_the_precision_the_features_were_computed_in(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(MODEL_PATH_ENV, str(_fake_model(tmp_path / "m", 10)))
    config = E5SentenceFeaturizer.get_default_config()
    as_float = E5SentenceFeaturizer.fingerprint_addon({**config, "precision": "float32"})
    as_bf16 = E5SentenceFeaturizer.fingerprint_addon({**config, "precision": "bfloat16"})
    assert as_float != as_bf16


def test_auto_precision_uses_bfloat16_only_where_the_cpu_has_it(monkeypatch) -> None:
    import nlu.e5_featurizer as featurizer

    monkeypatch.setattr(featurizer, "cpu_has_bf16", lambda: True)
    assert featurizer.resolve_precision("auto") == "bfloat16"
    monkeypatch.setattr(featurizer, "cpu_has_bf16", lambda: False)
    assert featurizer.resolve_precision("auto") == "float32"
    assert featurizer.resolve_precision("float32") == "float32"


def test_an_unknown_precision_is_refused() -> None:
    import pytest

    with pytest.raises(ValueError, match="precision"):
        E5SentenceFeaturizer({**E5SentenceFeaturizer.get_default_config(), "precision": "int4"}, "e5")
