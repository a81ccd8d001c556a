"""Settings survive a restart, and a damaged settings file does not stop the app."""

from __future__ import annotations

from desktop_app.config.settings import DEFAULT_FONT_SUBSTITUTES, Settings


def test_settings_round_trip(tmp_path, monkeypatch):
    monkeypatch.setenv("LIANJIAN_HOME", str(tmp_path))
    settings = Settings.load()
    assert settings.db_path == "" and settings.font_substitutes == DEFAULT_FONT_SUBSTITUTES
    settings.db_path = str(tmp_path / "office.db")
    settings.save()
    assert Settings.load().db_path == str(tmp_path / "office.db")


def test_damaged_or_foreign_settings_fall_back_to_defaults(tmp_path, monkeypatch):
    """Garbage, a list, or unknown keys in settings.json give defaults, not a crash."""
    monkeypatch.setenv("LIANJIAN_HOME", str(tmp_path))
    for content in ("{not json", "[1, 2]", '{"db_path": "x.db", "colour": "red"}'):
        (tmp_path / "settings.json").write_text(content, encoding="utf-8")
        loaded = Settings.load()
        assert loaded.db_path in ("", "x.db")


def test_database_location_order(tmp_path, monkeypatch):
    """LIANJIAN_DB wins over the file chosen in 设置, which wins over the default."""
    from desktop_app.config.paths import default_db_path

    monkeypatch.setenv("LIANJIAN_HOME", str(tmp_path))
    monkeypatch.delenv("LIANJIAN_DB", raising=False)
    assert default_db_path() == tmp_path / "lianjian.db"
    settings = Settings.load()
    settings.db_path = str(tmp_path / "office.db")
    settings.save()
    assert default_db_path() == tmp_path / "office.db"
    monkeypatch.setenv("LIANJIAN_DB", str(tmp_path / "env.db"))
    assert default_db_path() == tmp_path / "env.db"
