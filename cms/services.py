"""Writes to the site tree: the catalogue's skeleton, institution sections and their rights."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from accounts.models import Organization, User
from accounts.roles import Role
from accounts.services import role_group_ensure
from cms.models import (
    ArticleIndexPage,
    ArticlePage,
    HomePage,
    InstitutionPage,
    OutcomeIndexPage,
    OutcomePage,
)

EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
APPROVER_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
ADMINISTRATOR_PAGE_PERMISSIONS = (
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
)
MEDIA_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
)


def _page_permission(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


def page_permissions_grant(*, group: Group, page: Page, codenames) -> None:
    """Give a group these page permissions on a page and everything below it."""
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_page_permission(codename)
        )


def media_permissions_grant(*, group: Group) -> None:
    """Let a group upload and choose images and documents for outcome bodies."""
    root = Collection.get_first_root_node()
    for app_label, codename in MEDIA_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )


@transaction.atomic
def site_ensure(*, hostname: str = "localhost", port: int = 80) -> HomePage:
    """The home page and the outcome catalogue, set as the default site (idempotent)."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's own welcome page stands where the home page goes (and takes its site along).
        Page.objects.filter(depth=2, content_type__app_label="wagtailcore").delete()
        with override("zh-hans"):
            home = HomePage(
                title="鹤壁科技大市场",
                slug="home",
                intro=(
                    "科技信息共享化、科技服务集成化、科技交易市场化、科技资源商品化、科技成果产业化。"
                    "高校院所在这里发布科技成果，企业在这里提出技术需求，技术经纪人促成对接，"
                    "技术合同在这里认定登记。"
                ),
            )
            root.add_child(instance=home)
            home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name="鹤壁科技大市场",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "鹤壁科技大市场"
        site.save()
    if not OutcomeIndexPage.objects.exists():
        index = OutcomeIndexPage(
            title="科技成果",
            slug="outcomes",
            intro="合作高校和科研院所发布的可转让、许可或合作开发的科技成果。",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    article_columns_ensure(home=home)
    return home


ARTICLE_COLUMNS = (
    (
        ArticleIndexPage.Column.NOTICES,
        "通知公告",
        "notices",
        "科技大市场的活动通知、征集公告和办事提示。",
    ),
    (
        ArticleIndexPage.Column.POLICIES,
        "政策法规",
        "policies",
        "与技术转移、技术合同登记、科技创新券和奖补相关的政策文件与解读。",
    ),
)


def article_columns_ensure(*, home: HomePage) -> dict[str, ArticleIndexPage]:
    """The notices and policy news columns under the home page (idempotent)."""
    columns = {}
    for column, title, slug, intro in ARTICLE_COLUMNS:
        page = ArticleIndexPage.objects.filter(column=column).first()
        if page is None:
            page = ArticleIndexPage(title=title, slug=slug, column=column, intro=intro)
            home.add_child(instance=page)
            page.save_revision().publish()
        columns[column] = page
    return columns


@transaction.atomic
def article_publish(
    *, column: ArticleIndexPage, data: dict, user: User | None = None
) -> ArticlePage:
    """Add a notice or policy article to a column and publish it, validated."""
    article = ArticlePage(**data)
    column.add_child(instance=article)
    article.save_revision(user=user, log_action=True).publish(user=user)
    article.refresh_from_db()
    return article


@transaction.atomic
def institution_section_ensure(*, organization: Organization, intro: str = "") -> InstitutionPage:
    """The institution's own section with its editors' and approvers' groups and workflow.

    Editors may add and edit outcomes in this section and submit them; only the section's
    approvers may publish, through a workflow whose approval task belongs to their group.
    """
    if not organization.is_institution:
        raise ValueError(_("Only universities and research institutes have a section."))
    section = InstitutionPage.objects.filter(organization=organization).first()
    if section is None:
        index = (
            OutcomeIndexPage.objects.first()
            or site_ensure().get_children().type(OutcomeIndexPage).first().specific
        )
        section = InstitutionPage(
            title=organization.name,
            slug=organization.slug,
            organization=organization,
            intro=intro or organization.description,
        )
        index.add_child(instance=section)
        section.save_revision().publish()
    editors = role_group_ensure(organization=organization, role=Role.UNIVERSITY_EDITOR)
    approvers = role_group_ensure(organization=organization, role=Role.UNIVERSITY_APPROVER)
    page_permissions_grant(group=editors, page=section, codenames=EDITOR_PAGE_PERMISSIONS)
    page_permissions_grant(group=approvers, page=section, codenames=APPROVER_PAGE_PERMISSIONS)
    media_permissions_grant(group=editors)
    media_permissions_grant(group=approvers)
    _workflow_ensure(section=section, organization=organization, approvers=approvers)
    return section


def _workflow_ensure(*, section: InstitutionPage, organization: Organization, approvers: Group):
    if WorkflowPage.objects.filter(page=section).exists():
        return
    name = f"{organization.name} 成果审核"
    workflow, _created = Workflow.objects.get_or_create(name=name)
    task = GroupApprovalTask.objects.filter(name=name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=name)
    task.groups.set([approvers])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.create(page=section, workflow=workflow)


def administrator_rights_grant(*, group: Group) -> None:
    """Administrators manage every page and all media."""
    home = HomePage.objects.first()
    if home is None:
        return
    page_permissions_grant(group=group, page=home, codenames=ADMINISTRATOR_PAGE_PERMISSIONS)
    media_permissions_grant(group=group)


@transaction.atomic
def outcome_create(
    *,
    section: InstitutionPage,
    data: dict,
    industries=(),
    transfer_modes=(),
    keywords=(),
    patents=(),
    user: User | None = None,
    publish: bool = True,
    publisher: User | None = None,
) -> OutcomePage:
    """Add an outcome to a section, validated, with a first revision by ``user``.

    With ``publish`` the revision goes live at once, as ``publisher`` (who must hold the right to
    publish there) or, when none is given, as ``user``.
    """
    from cms.models import OutcomePatent

    outcome = OutcomePage(**data, live=False)
    outcome.industries = list(industries)
    outcome.transfer_modes = list(transfer_modes)
    patent_rows = [OutcomePatent(**p) for p in patents]
    for patent in patent_rows:
        patent.full_clean(exclude=["page"])
    outcome.patents = patent_rows
    section.add_child(instance=outcome)
    if keywords:
        outcome.keywords.add(*keywords)
        outcome.save()
    revision = outcome.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=publisher or user)
        outcome.refresh_from_db()
    return outcome
