"""Report wording in English and Russian. Every key has both; a test checks it."""

from __future__ import annotations

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
    "high": ("high", "высокая"),
    "medium": ("medium", "средняя"),
    "info": ("info", "к сведению"),
    "none": ("none", "нет"),
    "draft_status": ("draft", "черновик"),
    "open": ("open", "открыто"),
    "under_review": ("under review", "на проверке"),
    "ready_for_hearing": ("ready for hearing", "готово к рассмотрению"),
    "closed": ("closed", "закрыто"),
}


def t(key: str, lang: str, **values: object) -> str:
    """The text for ``key`` in ``lang`` (``en`` or ``ru``), with ``{name}`` values filled."""
    en, ru = TEXT[key]
    text = ru if lang == "ru" else en
    return text.format(**values) if values else text


def status_text(status: str, lang: str) -> str:
    return t("draft_status" if status == "draft" else status, lang)
