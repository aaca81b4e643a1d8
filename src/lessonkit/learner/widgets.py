"""Widgets that share their Layout and Style objects, so a lesson costs fewer widget models.

Every ipywidgets control has a ``layout`` and most have a ``style``: each is a widget model
of its own, so a quiz of 15 questions opened about 600 models, and every model is a message
the kernel sends, the front end draws and a kernel keeps in memory. Layouts and styles
with the same settings look the same, and ipywidgets lets one be shared by many widgets
(none of ours changes its layout or style after it is made). ``lean(cls, ...)`` makes a
widget with the shared Layout and Style for its settings: same look, about half the models.
CSS classes are given when a widget is made, not added after, which would send its state
again (about 190 messages fewer in lesson 1).
"""

from __future__ import annotations

import ipywidgets as w

_SHARED: dict[tuple, w.Widget] = {}


def shared(cls: type, **traits) -> w.Widget:
    """The one open widget of class ``cls`` with these trait values (made on first use)."""
    key = (cls, tuple(sorted(traits.items())))
    found = _SHARED.get(key)
    if found is None or found.comm is None:  # a closed widget cannot be referenced again
        found = _SHARED[key] = cls(**traits)
    return found


def lean(
    cls: type,
    *args,
    layout: dict | None = None,
    style: dict | None = None,
    css: str | None = None,
    **kwargs,
):
    """``cls(*args, **kwargs)`` with a shared Layout (and Style, if the class has one), and
    the CSS class ``css`` given at once (``add_class`` afterwards costs one more message)."""
    kwargs["layout"] = shared(w.Layout, **(layout or {}))
    if css:
        kwargs["_dom_classes"] = (css,)
    style_trait = cls.class_traits().get("style")
    if style_trait is not None:
        kwargs["style"] = shared(style_trait.klass, **(style or {}))
    return cls(*args, **kwargs)


def box_layout() -> w.Layout:
    """The default layout, shared: for the boxes our composite views subclass."""
    return shared(w.Layout)


def box_options(*css: str) -> dict:
    """Keyword arguments for a composite view's box: the shared layout and its CSS classes
    from the start (one message to the front end, not one per class)."""
    return {"layout": shared(w.Layout), "_dom_classes": css}
