"""What a learner does, run inside their kernel on the hub by `make hub-check` (hub_check.py).

hub_check.py sends this file's source to a learner's kernel, then calls one function per
step. Each answers through the widgets' own Python objects, as a click in JupyterLab would: it
sets the controls of a knowledge check (options picked by their ``correct`` flag, never by
their key, so opaque or shuffled keys do not matter), presses the check button, and confirms an
answer was recorded. Each function prints one line: ``DMST-RESULT {json}``.
"""

import json
import os

import ipywidgets as w


def _say(result):
    print("DMST-RESULT " + json.dumps(result), flush=True)


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from _walk(child)


def _root(obj):
    """The widget tree of a check, an assessment or the panel, whatever object holds it."""
    for attr in ("widget", "box"):
        if isinstance(obj, w.Widget):
            break
        inner = getattr(obj, attr, None)
        if callable(inner) and not isinstance(inner, w.Widget):
            inner = inner()
        if inner is not None:
            obj = inner
    if not isinstance(obj, w.Widget):
        raise RuntimeError(f"no widget found in {type(obj).__name__}")
    return obj


def _choice(question, right):
    """The answer to give: a number, a set of option keys, or one option key."""
    if question.kind == "numeric":
        n = question.number
        if right:
            return f"{(n.low + n.high) / 2:.2f}"
        return f"{n.low / 10:.2f}" if n.low >= 10 else f"{n.high * 10 + 100:.2f}"
    if question.kind == "multiple":
        if right:
            return {o.key for o in question.options if o.correct}
        return {next(o.key for o in question.options if not o.correct)}
    return next(o.key for o in question.options if o.correct == right)


SELECTIONS = (w.RadioButtons, w.ToggleButtons, w.Dropdown, w.Select)


def _answer(box, question, right):
    """Set one check's controls and press its check button; returns what was chosen."""
    want = _choice(question, right)
    parts = list(_walk(box))
    if question.kind == "numeric":
        texts = [p for p in parts if isinstance(p, w.Text)]
        if not texts:
            raise RuntimeError(f"{question.id}: no text box for the estimate")
        texts[0].value = want
    elif question.kind == "multiple":
        ticks = [p for p in parts if isinstance(p, w.Checkbox)]
        if len(ticks) != len(question.options):
            raise RuntimeError(
                f"{question.id}: {len(ticks)} tick boxes for {len(question.options)} options"
            )
        by_text = {o.text: o.key for o in question.options}
        if all(t.description in by_text for t in ticks):
            keys = [by_text[t.description] for t in ticks]
        else:  # labels drawn outside the tick boxes: the boxes follow the options' order
            keys = [o.key for o in question.options]
        for tick, key in zip(ticks, keys, strict=True):
            tick.value = key in want
    else:
        groups = [p for p in parts if isinstance(p, SELECTIONS)]
        if not groups:
            raise RuntimeError(f"{question.id}: no choice group found")
        group = groups[0]
        values = list(getattr(group, "_options_values", ()))
        if values and want not in values:  # the group's values are not the option keys
            by_key = {o.key: o.text for o in question.options}
            labels = list(group._options_labels)
            if by_key[want] not in labels:
                raise RuntimeError(f"{question.id}: option {want!r} is not in the choice group")
            want = values[labels.index(by_key[want])]
        group.value = want
    buttons = [
        p
        for p in parts
        if isinstance(p, w.Button)
        and not p.disabled
        and any(word in p.description.lower() for word in ("check", "submit", "save"))
    ]
    if not buttons:
        raise RuntimeError(f"{question.id}: no check button to press")
    buttons[0].click()
    return sorted(want) if isinstance(want, set) else want


def _answered(question, right, box, context):
    from dmst import results

    before = len(results.attempts())
    chosen = _answer(box, question, right)
    rows = results.attempts()
    if len(rows) != before + 1:
        raise RuntimeError(f"{question.id}: pressing the check button recorded no answer")
    last = rows[-1]
    if last["question"] != question.id or last["context"] != context:
        raise RuntimeError(f"{question.id}: the answer was recorded as {last}")
    return {"id": question.id, "planned": right, "correct": bool(last["correct"]), "sent": chosen}


def answer_checks(plan):
    """Answer lesson checks: ``plan`` maps a check id to whether to answer it right."""
    from dmst.checks import check

    done = []
    for qid, right in plan.items():
        c = check(qid)
        done.append(_answered(c.question, right, _root(c), "check"))
    _say({"answers": done})


def answer_assessment(context, plan):
    """Answer the "pre" or "post" assessment: ``plan`` lists right/wrong in item order."""
    from dmst.assessment import assessment

    a = assessment(context)
    root = _root(a)
    boxes = [
        child
        for child in root.children
        if any(isinstance(p, (*SELECTIONS, w.Checkbox, w.Text)) for p in _walk(child))
    ]
    if len(boxes) != len(a.items) or len(plan) != len(a.items):
        raise RuntimeError(
            f"{context}: {len(boxes)} answer boxes, {len(a.items)} items, {len(plan)} planned"
        )
    done = [
        _answered(q, right, box, context)
        for q, right, box in zip(a.items, plan, boxes, strict=True)
    ]
    _say({"answers": done})


def hand_in():
    """Press "Hand in my results" in the results panel."""
    from dmst import results

    root = _root(results.panel())
    buttons = [
        p for p in _walk(root) if isinstance(p, w.Button) and p.description == "Hand in my results"
    ]
    if not buttons:
        raise RuntimeError("the results panel has no 'Hand in my results' button")
    buttons[0].click()
    said = " ".join(p.value for p in _walk(root) if isinstance(p, w.HTML) and "anded in" in p.value)
    if "Handed in" not in said:
        raise RuntimeError(f"handing in failed: {said or 'no message'}")
    _say({"learner": results.learner_id(), "message": said})


def where():
    """Where this learner's results live."""
    from dmst import results

    _say(
        {
            "home": os.path.expanduser("~"),
            "store": str(results.db_path()),
            "drop": str(results.drop_dir()),
            "user": os.environ.get("JUPYTERHUB_USER", ""),
        }
    )
