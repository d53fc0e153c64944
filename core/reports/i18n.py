"""Report wording in English and Russian. Every key has both; a test checks it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

LANGUAGES = ("en", "ru")

TEXT: dict[str, tuple[str, str]] = {
    "case_file": ("Case file", "Материалы дела"),
    "reference": ("Reference", "Номер дела"),
    "title": ("Title", "Наименование"),
    "jurisdiction": ("Jurisdiction", "Юрисдикция"),
    "status": ("Status", "Статус"),
    "closing_reason": ("Closing reason", "Основание закрытия"),
    "priority": ("Priority", "Приоритет"),
    "inspector": ("Inspector", "Инспектор"),
    "hearing_date": ("Hearing date", "Дата рассмотрения"),
    "hearing_reference": ("Hearing reference", "Номер производства"),
    "legal_deadline": ("Legal deadline", "Процессуальный срок"),
    "generated": ("Generated", "Сформировано"),
    "app_version": ("Application version", "Версия программы"),
    "draft": ("DRAFT", "ПРОЕКТ"),
    "draft_note": (
        "Draft: the case is not ready for a hearing.",
        "Проект: дело не готово к рассмотрению.",
    ),
    "summary": ("Summary", "Сводка"),
    "vehicles": ("Vehicles", "Транспортные средства"),
    "findings": ("Findings", "Выводы"),
    "findings_by_severity": ("Findings by severity", "Выводы по степени"),
    "key_facts": ("Key facts", "Основные факты"),
    "parties": ("Parties", "Участники"),
    "shipments": ("Shipments", "Партии"),
    "shipments_vehicles": ("Shipments and vehicles", "Партии и транспортные средства"),
    "findings_per_vehicle": ("Findings per vehicle", "Выводы по транспортным средствам"),
    "not_evaluable": ("Facts still missing", "Недостающие факты"),
    "not_evaluable_intro": (
        "These rules could not be evaluated; collecting these facts would decide them.",
        "Эти правила не удалось применить; для решения нужны следующие факты.",
    ),
    "exhibits": ("Exhibit list", "Перечень доказательств"),
    "exhibit_images": ("Image exhibits", "Изображения"),
    "custody": ("Chain of custody", "Цепочка хранения"),
    "diary": ("Case diary", "Дневник дела"),
    "audit": ("Audit trail", "Журнал изменений"),
    "integrity": ("Integrity statement", "Заявление о целостности"),
    "page_of": ("Page {n} of {m}", "Стр. {n} из {m}"),
    "name": ("Name", "Наименование"),
    "kind": ("Kind", "Вид"),
    "country": ("Country", "Страна"),
    "roles": ("Roles", "Роли"),
    "declaration_no": ("Declaration", "Декларация"),
    "shipment_ref": ("Shipment ref.", "Номер партии"),
    "border_post": ("Border post", "Пункт пропуска"),
    "carrier": ("Carrier", "Перевозчик"),
    "transport_id": ("Transport", "Транспорт"),
    "arrival": ("Arrival", "Прибытие"),
    "vin": ("VIN", "VIN"),
    "make_model": ("Make / model", "Марка / модель"),
    "year": ("Year", "Год"),
    "odometer": ("Odometer, km", "Пробег, км"),
    "first_registration": ("First reg.", "Перв. рег."),
    "condition": ("Condition", "Состояние"),
    "value": ("Declared value", "Заявл. стоимость"),
    "rule": ("Rule", "Правило"),
    "severity": ("Severity", "Степень"),
    "explanation": ("Explanation", "Обоснование"),
    "basis": ("Legal basis", "Правовое основание"),
    "pack": ("Rule pack", "Пакет правил"),
    "basis_not_confirmed": (
        "LEGAL BASIS NOT CONFIRMED",
        "ПРАВОВОЕ ОСНОВАНИЕ НЕ ПОДТВЕРЖДЕНО",
    ),
    "missing": ("Missing facts", "Недостающие факты"),
    "no_findings": ("No rule fired.", "Ни одно правило не сработало."),
    "no_other_findings": ("No other rule fired.", "Другие правила не сработали."),
    "none_recorded": ("None recorded.", "Записей нет."),
    "exhibit_no": ("Exhibit", "Доказ."),
    "description": ("Description", "Описание"),
    "original_name": ("Original file", "Исходный файл"),
    "size": ("Size, bytes", "Размер, байт"),
    "sha256": ("SHA-256", "SHA-256"),
    "obtained": ("How and when obtained", "Как и когда получено"),
    "withdrawn": ("WITHDRAWN", "ОТОЗВАНО"),
    "at": ("When (UTC)", "Когда (UTC)"),
    "item": ("Item", "Предмет"),
    "from": ("From", "От кого"),
    "to": ("To", "Кому"),
    "place": ("Place", "Место"),
    "purpose": ("Purpose", "Цель"),
    "seal": ("Seal", "Пломба"),
    "author": ("Author", "Автор"),
    "text": ("Text", "Текст"),
    "actor": ("Who", "Кто"),
    "change": ("Change", "Изменение"),
    "changed_outside": (
        "CHANGED OUTSIDE ZEROMILE (recorded by the database server)",
        "ИЗМЕНЕНО В ОБХОД ZEROMILE (записано сервером базы данных)",
    ),
    "reason": ("Reason", "Основание"),
    "evidence_check": ("Evidence last verified", "Доказательства проверены"),
    "audit_check": ("Audit chain last verified", "Журнал изменений проверен"),
    "check_ok": ("all hashes match ({n} checked)", "все хэши совпадают (проверено: {n})"),
    "check_failed": ("FAILED: {failures}", "НАРУШЕНИЕ: {failures}"),
    "never_checked": ("never", "не проверялось"),
    "integrity_note": (
        "Each exhibit is identified by the SHA-256 of its content; the audit trail is a hash "
        "chain in which each change is linked to the one before.",
        "Каждое доказательство идентифицируется хэшем SHA-256 его содержимого; журнал изменений "
        "образует цепочку хэшей, в которой каждое изменение связано с предыдущим.",
    ),
    # Findings out of date (an ``allow_stale`` export): a draft that says so everywhere.
    "out_of_date": ("FINDINGS OUT OF DATE", "ВЫВОДЫ УСТАРЕЛИ"),
    "out_of_date_banner": (
        "FINDINGS OUT OF DATE: not the hearing version",
        "ВЫВОДЫ УСТАРЕЛИ: не версия для рассмотрения",
    ),
    "out_of_date_note": (
        "FINDINGS OUT OF DATE for {n} vehicle(s): their facts, the pack versions in force, "
        "the reference data or the store changed after the rules were last run. This is not "
        "the hearing version: run the rules again and export anew.",
        "ВЫВОДЫ УСТАРЕЛИ для {n} ТС: после последнего применения правил изменились их "
        "факты, действующие версии пакетов, справочные данные или хранилище. Это не версия "
        "для рассмотрения: примените правила заново и сформируйте материалы снова.",
    ),
    "out_of_date_vehicles": (
        "Vehicles whose findings are out of date",
        "ТС, выводы по которым устарели",
    ),
    "out_of_date_more": ("… and {n} more (see the summary)", "… и ещё {n} (см. сводку)"),
    "out_of_date_why": ("Why", "Причина"),
    "stale_never_classified": ("never classified", "правила не применялись"),
    "stale_facts_changed": ("facts changed", "факты изменились"),
    "stale_jurisdiction_changed": (
        "the case's jurisdiction changed",
        "изменилась юрисдикция дела",
    ),
    "stale_pack_versions_changed": (
        "other pack versions in force",
        "действуют другие версии пакетов",
    ),
    "stale_reference_data_changed": ("reference data changed", "справочные данные изменились"),
    "stale_vin_duplicates_changed": (
        "the VIN's duplicates in the store changed",
        "изменились повторы VIN в хранилище",
    ),
    "stale_shipment_registrations_changed": (
        "registrations in its shipment changed",
        "изменились регистрации в его партии",
    ),
    "stale_engine_changed": (
        "classified by another engine version",
        "правила применены другой версией программы",
    ),
    "stale_packs_chosen": ("classified with only some packs", "применены не все пакеты"),
    # Data quality (DQ-*): doubts about a fact, never an accusation.
    "data_quality": (
        "Data quality (may weaken the findings below)",
        "Качество данных (может ослабить выводы ниже)",
    ),
    "data_quality_note": (
        "These accuse no one: they say that a fact used below is doubtful.",
        "Это не обвинение: они указывают, что использованный ниже факт сомнителен.",
    ),
    "data_quality_short": ("data quality", "качество данных"),
    "data_quality_column": ("Data quality", "Качество данных"),
    "data_quality_notices": ("Data-quality notices", "Замечания о качестве данных"),
    "flagged": ("{n} flagged", "с выводами: {n}"),
    "version_by_import": (
        "chosen by import date {date}",
        "выбрана по дате ввоза {date}",
    ),
    "version_by_evaluation": (
        "import date unknown: version in force on {date}",
        "дата ввоза неизвестна: версия, действующая на {date}",
    ),
    "evaluated": ("evaluated", "применено"),
    # What the declaration said, kept where the stored value does not say it all.
    "malformed": ("malformed", "неверный формат"),
    "malformed_vin": (
        "malformed VIN, recorded as declared",
        "VIN неверного формата, записан как заявлен",
    ),
    "vin_declared": ("declared as", "заявлен как"),
    "as_written": ("As written in the declaration", "Как написано в декларации"),
    "written": ("written", "написано"),
    "issue_unreadable": ("unreadable, fact unknown", "не прочитано, факт неизвестен"),
    "issue_ambiguous": ("ambiguous: read as {value}", "неоднозначно: прочитано как {value}"),
    "issue_corrected": ("corrected by the inspector", "исправлено инспектором"),
    "issue_out_of_order": ("dates out of order", "даты не по порядку"),
    "source_row": ("Source", "Источник"),
    "source_at": ("{file}, row {row} (sha256 {sha})", "{file}, строка {row} (sha256 {sha})"),
    "imports": ("Declaration files imported", "Импортированные файлы деклараций"),
    "import_summary": (
        "{rows} rows, {added} vehicles added, {skipped} already imported, "
        "{without_vin} without VIN, {bad} bad cells",
        "строк: {rows}, добавлено ТС: {added}, уже импортировано: {skipped}, "
        "без VIN: {without_vin}, ошибочных ячеек: {bad}",
    ),
    "row": ("Row", "Строка"),
    "column": ("Column", "Столбец"),
    "raw_value": ("Value as written", "Значение как написано"),
    "file": ("File", "Файл"),
    "warnings": ("Warnings", "Предупреждения"),
    "bad_cell": ("bad cell", "ошибочная ячейка"),
    "warning": ("warning", "предупреждение"),
    "no_problems": ("no bad cells, no warnings", "ошибок и предупреждений нет"),
    "clipped": ("… ({n} more characters)", "… (ещё символов: {n})"),
    "out_of_date_sheet_note": (
        'FINDINGS OUT OF DATE for {n} vehicle(s), listed in the sheet "Out of date": '
        "a draft, not the hearing version",
        'ВЫВОДЫ УСТАРЕЛИ для {n} ТС, перечисленных на листе "Out of date": '
        "проект, не версия для рассмотрения",
    ),
    "version_date": ("Version chosen by date", "Дата выбора версии"),
    "version_basis": ("Date used", "Какая дата"),
    "basis_import_date": ("import date", "дата ввоза"),
    "basis_evaluation_date": (
        "day of evaluation (import date unknown)",
        "день применения (дата ввоза неизвестна)",
    ),
    "vin_problem": ("VIN problem", "Ошибка VIN"),
    "source_file": ("Source file", "Исходный файл"),
    "source_sha256": ("Source file SHA-256", "SHA-256 исходного файла"),
    "source_row_no": ("Source row", "Строка файла"),
    "imported_at": ("Imported at (UTC)", "Импортировано (UTC)"),
    "problem_kind": ("Kind", "Вид"),
    # An image exhibit that cannot be drawn prints as a placeholder with its reason.
    "image_not_rendered": ("could not be rendered: {reason}", "не удалось отобразить: {reason}"),
    "image_placeholder_note": (
        "The stored file is unchanged; the exhibit list and the hearing bundle hold it "
        "with its SHA-256.",
        "Хранимый файл не изменён; он указан в перечне доказательств и включён в "
        "материалы для рассмотрения с его SHA-256.",
    ),
    "image_empty": ("the file is empty", "файл пуст"),
    "image_unreadable": (
        "not an image format this program can read, or the file is damaged",
        "формат изображения не распознан или файл повреждён",
    ),
    "image_truncated": ("the file is damaged or incomplete", "файл повреждён или неполон"),
    "image_damaged": ("the image could not be decoded", "изображение не удалось декодировать"),
    "image_too_large": (
        "too large to draw ({width}×{height} pixels)",
        "слишком большое для вывода ({width}×{height} пикселей)",
    ),
    "image_too_large_bomb": (
        "too large to draw (more pixels than is safe to decode)",
        "слишком большое для вывода (больше пикселей, чем безопасно декодировать)",
    ),
    "image_file_too_large": (
        "the file is larger than {mb} MB",
        "файл больше {mb} МБ",
    ),
    "high": ("high", "высокая"),
    "medium": ("medium", "средняя"),
    "info": ("info", "к сведению"),
    "none": ("none", "нет"),
    "draft_status": ("draft", "черновик"),
    "open": ("open", "открыто"),
    "under_review": ("under review", "на проверке"),
    "ready_for_hearing": ("ready for hearing", "готово к рассмотрению"),
    "closed": ("closed", "закрыто"),
    "review": ("Review and approval", "Проверка и утверждение"),
    "review_state": ("Review", "Проверка"),
    "prepared_by": ("Prepared by", "Подготовил"),
    "approved_by": ("Approved by", "Утвердил"),
    "approved_at": ("Approved at", "Дата утверждения"),
    "approval_comment": ("Approver's comment", "Комментарий утвердившего"),
    "content_hash": ("Content hash (SHA-256)", "Хеш содержания (SHA-256)"),
    "review_none": ("not requested", "не направлялось на проверку"),
    "review_requested": ("requested, awaiting approval", "направлено на проверку"),
    "review_returned": ("returned to the preparer", "возвращено на доработку"),
    "review_approved": ("approved", "утверждено"),
    "review_voided": ("approval voided", "утверждение аннулировано"),
    "approval_mismatch": (
        "THE CASE NO LONGER MATCHES THE APPROVED CONTENT: it was changed after the approval "
        "without the approval being voided (see the audit trail for changes made outside "
        "ZeroMile). The approval does not cover this case file.",
        "ДЕЛО БОЛЬШЕ НЕ СОВПАДАЕТ С УТВЕРЖДЁННЫМ СОДЕРЖАНИЕМ: оно изменено после утверждения, "
        "а утверждение не аннулировано (см. в журнале изменения в обход ZeroMile). "
        "Утверждение не распространяется на эти материалы.",
    ),
    "approval_voided": (
        "The approval of {at} was voided on {voided_at} by a later change: {changes}.",
        "Утверждение от {at} аннулировано {voided_at} в связи с последующим изменением: {changes}.",
    ),
    "not_approved": ("Not approved.", "Не утверждено."),
    "acknowledged": (
        "Findings with an unconfirmed legal basis, acknowledged by the approver",
        "Выводы с неподтверждённым правовым основанием, с которыми ознакомился утвердивший",
    ),
    "single_workstation": (
        "Note: review recorded on a single-workstation store (no server enforced it).",
        "Примечание: проверка записана в однопользовательском хранилище "
        "(сервер её не контролировал).",
    ),
}


def t(key: str, lang: str, **values: object) -> str:
    """The text for ``key`` in ``lang`` (``en`` or ``ru``), with ``{name}`` values filled."""
    en, ru = TEXT[key]
    text = ru if lang == "ru" else en
    return text.format(**values) if values else text


def status_text(status: str, lang: str) -> str:
    return t("draft_status" if status == "draft" else status, lang)


def stale_reason_text(reason: str, lang: str) -> str:
    """Why a vehicle's findings are out of date, for people (a code this table does not
    know yet is shown as it is)."""
    key = f"stale_{reason}"
    return t(key, lang) if key in TEXT else reason


#: Characters of a reader's reason shown beside a text as written (a reason quotes the
#: text, which is shown in full already).
REASON_LIMIT = 160


def written_cell_text(cell: Mapping[str, Any], value: object, lang: str) -> str:
    """A declared cell kept as written, for people: ``odometer_km '1,234' (ambiguous:
    read as 1.234)``. ``value`` is the stored value of the cell's column; where the text
    could not be read, the reader's reason (its own words, cut to ``REASON_LIMIT``
    characters) says what was wrong. The text itself is never cut."""
    issue = str(cell.get("issue", ""))
    reason = str(cell.get("reason") or "")
    if len(reason) > REASON_LIMIT:
        reason = reason[:REASON_LIMIT] + "…"
    if issue == "ambiguous":
        why = t("issue_ambiguous", lang, value=value)
    elif issue == "unreadable":
        why = t("issue_unreadable", lang) + (f": {reason}" if reason else "")
    elif issue in ("corrected", "out_of_order"):
        why = t(f"issue_{issue}", lang)
    else:
        why = f"{issue}: {reason}" if reason else issue
    return f"{cell['column']} {str(cell['text'])!r} ({why})"
