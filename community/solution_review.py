"""Members submit solutions; the "Solution review" workflow (Wagtail) decides. Members never
publish directly: moderators approve (which publishes) or request changes with a comment."""

from __future__ import annotations

import secrets

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import (
    GroupApprovalTask,
    PageLogEntry,
    Revision,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)

from community.audit import record
from community.decisions import require_moderator
from community.models import ActionKind, NotificationKind
from community.notifications import notify
from community.permissions import check_can_take_part, is_author
from solutions.importing import save_solution
from solutions.models import SolutionIndexPage, SolutionPage

WORKFLOW_NAME = "Solution review"


def review_workflow() -> Workflow:
    """Idempotent: the workflow, its moderator task, and its assignment to the catalogue."""
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    task = GroupApprovalTask.objects.filter(name="Moderator approval").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name="Moderator approval")
        task.groups.set(Group.objects.filter(name="Moderators"))
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    catalogue = SolutionIndexPage.objects.first()
    if catalogue is not None:
        WorkflowPage.objects.update_or_create(page=catalogue, defaults={"workflow": workflow})
    return workflow


def check_owner(user, page: SolutionPage) -> None:
    if not is_author(user, page):
        raise PermissionDenied(_("You can only change your own submissions."))


@transaction.atomic
def save_submission(user, record: dict, page: SolutionPage | None = None) -> SolutionPage:
    """Saves a draft revision; publishing is the reviewers' decision."""
    check_can_take_part(user)
    if page is not None:
        check_owner(user, page)
        record["external_id"] = page.external_id
    else:
        record["external_id"] = f"member-{user.pk}-{secrets.token_hex(6)}"
    catalogue = SolutionIndexPage.objects.get()
    saved, created = save_solution(record, index=catalogue, publish=False, create_organisations=False)
    if created:
        saved.owner = user
        saved.save(update_fields=["owner"])
    return saved


def state_of(page: SolutionPage) -> WorkflowState | None:
    return (
        WorkflowState.objects.filter(base_content_type=page.get_base_content_type(), object_id=str(page.pk))
        .order_by("-created_at")
        .first()
    )


@transaction.atomic
def submit(user, page: SolutionPage) -> WorkflowState:
    check_can_take_part(user)
    check_owner(user, page)
    state = state_of(page)
    if state and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
        return state
    if state and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return state
    return review_workflow().start(page, user)


def _act(moderator, page: SolutionPage, action: str, comment: str = "") -> None:
    require_moderator(moderator)
    state = state_of(page)
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
        raise PermissionDenied(_("This solution is not waiting for review."))
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, action, comment=comment)


@transaction.atomic
def approve(moderator, page: SolutionPage, comment: str = "") -> None:
    _act(moderator, page, "approve", comment)
    record(moderator, ActionKind.PUBLISH_SOLUTION, kind="solution", target_id=page.pk, label=page.title, reason=comment)
    if page.owner_id:
        notify(
            page.owner_id,
            NotificationKind.MODERATION,
            actor=moderator,
            text=lambda: _("Your solution “%(title)s” is published.") % {"title": page.title},
            url=SolutionPage.objects.get(pk=page.pk).url or "",
        )


# What Wagtail writes to its log when a revision goes live (now, or at its scheduled time).
WENT_LIVE = ("wagtail.publish", "wagtail.publish.scheduled")


def last_live_revision(page: SolutionPage) -> Revision | None:
    """The revision that was live before the page was taken down. Unpublishing forgets it
    (``live_revision`` is cleared), and the latest revision may be the owner's later draft that
    nobody reviewed; Wagtail's log keeps which revision each publication put live."""
    went_live = PageLogEntry.objects.filter(page=page, action__in=WENT_LIVE, revision__isnull=False)
    revision_id = went_live.order_by("-timestamp", "-pk").values_list("revision_id", flat=True).first()
    return page.revisions.filter(pk=revision_id).first() if revision_id else None


@transaction.atomic
def republish(page: SolutionPage) -> None:
    """Puts a hidden solution back as it was reviewed, never with the owner's unreviewed draft,
    which stays their latest revision. Publishing cancels a review in progress (Wagtail's rule),
    so a review the owner asked for in the meantime is started again and stays in the queue."""
    revision = last_live_revision(page)
    if revision is None and not page.revisions.exists():
        revision = page.save_revision(clean=False, log_action=False)  # made in bulk: the row was live
    if revision is None:
        raise ValidationError(
            _("The reviewed version of “%(title)s” is no longer kept: publish it from the admin.")
            % {"title": page.title}
        )
    pending = state_of(page)
    revision.publish(log_action=True)
    if pending and pending.status == WorkflowState.STATUS_IN_PROGRESS:
        review_workflow().start(SolutionPage.objects.get(pk=page.pk), pending.requested_by)


@transaction.atomic
def request_changes(moderator, page: SolutionPage, comment: str) -> None:
    comment = " ".join((comment or "").split())
    if not comment:
        raise ValidationError(_("Tell the author what to change."))
    _act(moderator, page, "reject", comment)
    record(moderator, ActionKind.REQUEST_CHANGES, kind="solution", target_id=page.pk, label=page.title, reason=comment)
    if page.owner_id:
        notify(
            page.owner_id,
            NotificationKind.MODERATION,
            actor=moderator,
            text=lambda: (
                _("The moderators asked for changes to “%(title)s”: %(comment)s")
                % {"title": page.title, "comment": comment}
            ),
            url="/account/solutions/",
        )


def submissions_in_review() -> list[WorkflowState]:
    states = list(
        WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS, workflow__name=WORKFLOW_NAME).order_by(
            "created_at"
        )
    )
    pages = SolutionPage.objects.in_bulk([int(s.object_id) for s in states])
    for state in states:
        state.solution = pages.get(int(state.object_id))
    return [s for s in states if s.solution is not None]


def member_solutions(user) -> list[dict]:
    rows = []
    for page in SolutionPage.objects.filter(owner=user).order_by("-latest_revision_created_at"):
        state = state_of(page)
        comment = (
            TaskState.objects.filter(workflow_state=state)
            .exclude(comment="")
            .order_by("-finished_at")
            .values_list("comment", flat=True)
            .first()
            if state
            else None
        )
        rows.append({"page": page, "state": state, "comment": comment})
    return rows
