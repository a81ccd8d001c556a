"""A tab whose content is built the first time it is shown, or first asked for.

A page opens faster when the tabs nobody looks at yet cost nothing: a list tab builds its
table and queries its records only when it is opened (治理 has seven, 排班 six), the 同步
page's 待批准的电脑 and 待处理冲突 wait likewise, and so do the charts of 产业, 人才 and
擂台比武 (matplotlib is imported then).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

W = TypeVar("W", bound=QWidget)


class LazyPane(QWidget, Generic[W]):
    """Holds the widget ``build()`` makes; ``content()`` builds it if it is not built yet."""

    def __init__(self, build: Callable[[], W], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build: Callable[[], W] | None = build
        self._content: W | None = None
        QVBoxLayout(self).setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._content is not None

    def content(self) -> W:
        if self._content is None:
            assert self._build is not None
            self._content = self._build()
            self._build = None  # what it held (often the page itself) is no longer needed
            layout = self.layout()
            assert layout is not None
            layout.addWidget(self._content)
            self._content.show()  # at once, not at the next turn of the event loop
        return self._content

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        self.content()
        super().showEvent(event)


class LazyTabs(Generic[W]):
    """The tabs of ``tabs`` added here, by title, each built the first time it is shown or
    looked up (``lazy_tabs[title]``)."""

    def __init__(self, tabs: QTabWidget) -> None:
        self.tabs = tabs
        self.panes: dict[str, LazyPane[W]] = {}

    def add(self, title: str, build: Callable[[], W]) -> LazyPane[W]:
        pane = LazyPane(build)
        self.panes[title] = pane
        self.tabs.addTab(pane, title)
        return pane

    def __getitem__(self, title: str) -> W:
        return self.panes[title].content()

    def show(self, title: str) -> W:
        """Bring the tab to the front; its content."""
        self.tabs.setCurrentWidget(self.panes[title])
        return self[title]
