<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>Acting</name>
    <message>
        <location filename="../../gui/review/acting.py" line="17"/>
        <source>reader</source>
        <translation>читатель</translation>
    </message>
    <message>
        <location filename="../../gui/review/acting.py" line="18"/>
        <source>inspector</source>
        <translation>инспектор</translation>
    </message>
    <message>
        <location filename="../../gui/review/acting.py" line="19"/>
        <source>supervisor</source>
        <translation>руководитель</translation>
    </message>
    <message>
        <location filename="../../gui/review/acting.py" line="20"/>
        <source>administrator</source>
        <translation>администратор</translation>
    </message>
    <message>
        <location filename="../../gui/review/acting.py" line="35"/>
        <source>{0} (not registered)</source>
        <translation>{0} (не зарегистрирован)</translation>
    </message>
    <message>
        <location filename="../../gui/review/acting.py" line="42"/>
        <source>(single-workstation store)</source>
        <translation>(хранилище одного рабочего места)</translation>
    </message>
    <message>
        <location filename="../../gui/review/acting.py" line="48"/>
        <source>Login {0}, authenticated by the database server.</source>
        <translation>Логин {0}, подтверждённый сервером базы данных.</translation>
    </message>
    <message>
        <location filename="../../gui/review/acting.py" line="51"/>
        <source>Login {0} of this computer: a single-workstation store, where no server checks who is acting.</source>
        <translation>Логин {0} этого компьютера: хранилище одного рабочего места, где никакой сервер не проверяет, кто работает.</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../../gui/widgets.py" line="122"/>
        <source>&amp;Retry</source>
        <extracomment>Text colour of a cell that needs a look (a malformed VIN, out-of-date findings). Background of a cell or banner saying findings are out of date.</extracomment>
        <translation>Повторить сохран&amp;ение</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="123"/>
        <source>&amp;Keep my edits on the current version</source>
        <translation>Наложить мои правки на &amp;актуальную версию</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="127"/>
        <location filename="../../gui/widgets.py" line="128"/>
        <source>Dismiss</source>
        <translation>Скрыть</translation>
    </message>
</context>
<context>
    <name>CaseListModel</name>
    <message>
        <location filename="../../gui/case_list_model.py" line="31"/>
        <source>Reference</source>
        <translation>Номер дела</translation>
    </message>
    <message>
        <location filename="../../gui/case_list_model.py" line="32"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../gui/case_list_model.py" line="33"/>
        <source>Jurisdiction</source>
        <translation>Юрисдикция</translation>
    </message>
    <message>
        <location filename="../../gui/case_list_model.py" line="34"/>
        <source>Priority</source>
        <translation>Приоритет</translation>
    </message>
    <message>
        <location filename="../../gui/case_list_model.py" line="35"/>
        <source>Findings</source>
        <translation>Результаты</translation>
    </message>
    <message>
        <location filename="../../gui/case_list_model.py" line="36"/>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <location filename="../../gui/case_list_model.py" line="37"/>
        <source>Created</source>
        <translation>Создано</translation>
    </message>
    <message>
        <location filename="../../gui/case_list_model.py" line="38"/>
        <source>Inspector</source>
        <translation>Инспектор</translation>
    </message>
    <message>
        <location filename="../../gui/case_list_model.py" line="235"/>
        <source>out of date ({0})</source>
        <extracomment>The column marking cases whose findings are out of date. Columns whose stored code is shown by its translated name. ``fetch(ids, done)``: read the display rows of ``ids`` apart, then ``done(rows)``. ``fetch(ids, done)``: read the out-of-date counts of ``ids`` apart, then ``done(counts)``.</extracomment>
        <translation>устарели ({0})</translation>
    </message>
    <message>
        <location filename="../../gui/case_list_model.py" line="247"/>
        <source>The findings of {0} vehicle(s) are out of date (their facts, the rule packs or a vehicle in another case changed): open the case and run the rules.</source>
        <translation>Результаты проверки по ТС ({0}) устарели (изменились их сведения, пакеты правил или ТС в другом деле): откройте дело и примените правила.</translation>
    </message>
</context>
<context>
    <name>CaseWorkspace</name>
    <message>
        <location filename="../../gui/case/workspace.py" line="142"/>
        <source>Reference</source>
        <translation>Номер дела</translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="vanished">Название</translation>
    </message>
    <message>
        <source>Jurisdiction</source>
        <translation type="vanished">Юрисдикция</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="143"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="144"/>
        <source>Closing reason</source>
        <translation>Основание закрытия</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="vanished">Приоритет</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="145"/>
        <source>Inspector</source>
        <translation>Инспектор</translation>
    </message>
    <message>
        <source>Hearing date</source>
        <translation type="vanished">Дата судебного заседания</translation>
    </message>
    <message>
        <source>Hearing reference</source>
        <translation type="vanished">Номер дела в суде</translation>
    </message>
    <message>
        <source>Legal deadline</source>
        <translation type="vanished">Процессуальный срок</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="121"/>
        <source>&amp;Overview</source>
        <translation>&amp;Обзор</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="123"/>
        <source>Shipments &amp;&amp; &amp;Vehicles</source>
        <translation>Партии &amp;&amp; &amp;ТС</translation>
    </message>
    <message>
        <source>Exhibit</source>
        <translation type="vanished">Доказательство</translation>
    </message>
    <message>
        <source>File</source>
        <translation type="vanished">Файл</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="vanished">Вид</translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="vanished">Размер</translation>
    </message>
    <message>
        <source>&amp;Verify integrity</source>
        <translation type="vanished">Проверить &amp;целостность</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="155"/>
        <source>Save the case</source>
        <translation>Сохранить дело</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="157"/>
        <source>Revert</source>
        <translation>Отменить правки</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="125"/>
        <source>&amp;Evidence</source>
        <translation>До&amp;казательства</translation>
    </message>
    <message>
        <source>Vehicle / rule</source>
        <translation type="vanished">ТС / правило</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="vanished">Уровень риска</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation type="vanished">Пояснение</translation>
    </message>
    <message>
        <source>Select a finding to read its explanation and legal basis.</source>
        <translation type="vanished">Выберите вывод, чтобы прочитать его обоснование и правовое основание.</translation>
    </message>
    <message>
        <source>&amp;Run the rules</source>
        <translation type="vanished">&amp;Применить правила</translation>
    </message>
    <message>
        <source>Run the rules &amp;now</source>
        <translation type="vanished">Применить правила &amp;сейчас</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="129"/>
        <source>&amp;Findings</source>
        <translation>&amp;Результаты проверки</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="185"/>
        <location filename="../../gui/case/workspace.py" line="201"/>
        <source>When (UTC)</source>
        <extracomment>The review&apos;s state: approved, voided, awaiting a supervisor, returned.</extracomment>
        <translation>Когда (UTC)</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="186"/>
        <source>Author</source>
        <translation>Автор</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="187"/>
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="191"/>
        <source>Add a note to the diary and press Enter</source>
        <translation>Введите заметку и нажмите Enter</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="130"/>
        <source>&amp;Diary</source>
        <translation>&amp;Заметки</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="62"/>
        <source>(recorded on a single-workstation store)</source>
        <extracomment>The key of the op reading the case on show: a newer read supersedes an older one. The key of the op reading the review of the case on show.</extracomment>
        <translation>(записано в хранилище одного рабочего места)</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="67"/>
        <source>Approved by {0} on {1} · content hash {2}</source>
        <translation>Утверждено: {0}, {1} · хеш содержимого {2}</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="75"/>
        <source>the case no longer matches the approved content</source>
        <translation>дело уже не совпадает с утверждённым содержимым</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="82"/>
        <source>The approval by {0} was voided by a change: {1}</source>
        <translation>Утверждение ({0}) аннулировано изменением: {1}</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="89"/>
        <source>Awaiting review by a supervisor of {0}</source>
        <translation>Ждёт проверки руководителем подразделения {0}</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="93"/>
        <source>requested by {0}</source>
        <translation>запросил(а) {0}</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="99"/>
        <source>Returned by {0}: {1}</source>
        <translation>Возвращено ({0}): {1}</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="202"/>
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="203"/>
        <source>Record</source>
        <translation>Запись</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="204"/>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="205"/>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="206"/>
        <source>Old</source>
        <translation>Было</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="207"/>
        <source>New</source>
        <translation>Стало</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="208"/>
        <location filename="../../gui/case/workspace.py" line="496"/>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="464"/>
        <source>The review was not requested: {0}</source>
        <translation>Проверка не запрошена: {0}</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="469"/>
        <source>Requesting the review</source>
        <translation>Запрос проверки</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="131"/>
        <source>&amp;History</source>
        <translation>&amp;История</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="249"/>
        <source>The case could not be read: {0}</source>
        <translation>Не удалось прочитать дело: {0}</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="338"/>
        <source>The case&apos;s fields have unsaved changes. Save them first?</source>
        <translation>В полях дела есть несохранённые изменения. Сохранить их?</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="353"/>
        <source>The diary note you typed is not added yet. Add it to this case?</source>
        <translation>Набранная запись дневника ещё не добавлена. Добавить её в это дело?</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="409"/>
        <source>Request review</source>
        <translation>Запросить проверку</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="412"/>
        <source>Approve…</source>
        <translation>Утвердить…</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="415"/>
        <source>Return…</source>
        <translation>Вернуть…</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="423"/>
        <source>Move to: {0}</source>
        <translation>Перевести в статус «{0}»</translation>
    </message>
    <message>
        <source>Findings out of date: run the rules.</source>
        <translation type="vanished">Результаты проверки устарели: примените правила.</translation>
    </message>
    <message>
        <source>The findings of {0} vehicle(s) no longer match what they were computed from; the case cannot be made ready for a hearing or exported until the rules run again.</source>
        <translation type="vanished">Результаты проверки по ТС ({0}) больше не соответствуют данным, по которым они получены; дело нельзя передать к заседанию или экспортировать, пока правила не будут применены снова.</translation>
    </message>
    <message>
        <source>… and {0} more.</source>
        <translation type="vanished">… и ещё {0}.</translation>
    </message>
    <message>
        <source>Data quality ({0})</source>
        <translation type="vanished">Качество данных ({0})</translation>
    </message>
    <message>
        <source>Doubtful facts of the declaration; they accuse no one.</source>
        <translation type="vanished">Сомнительные сведения декларации; это никого не обвиняет.</translation>
    </message>
    <message>
        <source>findings out of date ({0})</source>
        <translation type="vanished">результаты устарели ({0})</translation>
    </message>
    <message>
        <source>VIN recorded as declared: {0}</source>
        <translation type="vanished">VIN записан как заявлен: {0}</translation>
    </message>
    <message>
        <source>[legal basis not confirmed] {0}</source>
        <translation type="vanished">[правовое основание не подтверждено] {0}</translation>
    </message>
    <message>
        <source>{0}: needs facts</source>
        <translation type="vanished">{0}: нужны сведения</translation>
    </message>
    <message>
        <source>Pack version chosen by the import date {0}.</source>
        <translation type="vanished">Версия пакета выбрана по дате ввоза {0}.</translation>
    </message>
    <message>
        <source>Import date unknown: the pack version in force on {0} (the day of evaluation) applied.</source>
        <translation type="vanished">Дата ввоза неизвестна: применена версия пакета, действовавшая {0} (в день проверки).</translation>
    </message>
    <message>
        <source>Pack version chosen by the date {0}.</source>
        <translation type="vanished">Версия пакета выбрана по дате {0}.</translation>
    </message>
    <message>
        <source>Pack {0}, version {1}.</source>
        <translation type="vanished">Пакет {0}, версия {1}.</translation>
    </message>
    <message>
        <source>Legal basis:</source>
        <translation type="vanished">Правовое основание:</translation>
    </message>
    <message>
        <source>Data quality: a fact of the declaration is doubtful; this accuses no one, but may weaken the findings that use it.</source>
        <translation type="vanished">Качество данных: сведения декларации сомнительны; это никого не обвиняет, но может ослабить выводы, которые на них опираются.</translation>
    </message>
    <message>
        <source>The legal basis of this rule is not confirmed: check it before relying on this finding.</source>
        <translation type="vanished">Правовое основание этого правила не подтверждено: проверьте его, прежде чем опираться на этот вывод.</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="506"/>
        <source>The status was not changed: {0}</source>
        <translation>Статус не изменён: {0}</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="594"/>
        <source>Not saved: {0}. Your edits are kept; Revert shows the stored case.</source>
        <translation>Не сохранено: {0}. Ваши правки сохранены в форме; «Отменить правки» покажет дело из хранилища.</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="601"/>
        <source>Saving the case</source>
        <translation>Сохранение дела</translation>
    </message>
    <message>
        <source>[legal basis not confirmed] </source>
        <translation type="vanished">[правовое основание не подтверждено] </translation>
    </message>
    <message>
        <source>needs facts</source>
        <translation type="vanished">не хватает сведений</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="497"/>
        <source>Why is the case moved to {0}?</source>
        <translation>Почему дело переводится в статус «{0}»?</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="513"/>
        <source>Changing status</source>
        <translation>Смена статуса</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="531"/>
        <source>Saving the note</source>
        <translation>Сохранение заметки</translation>
    </message>
    <message>
        <location filename="../../gui/case/workspace.py" line="539"/>
        <source>Running the rules</source>
        <translation>Применение правил</translation>
    </message>
    <message>
        <source>{0} exhibits checked: all hashes match</source>
        <translation type="vanished">Проверено доказательств: {0}; все хеш-суммы совпадают</translation>
    </message>
    <message>
        <source>ALTERED: {0}</source>
        <translation type="vanished">ИЗМЕНЕНО: {0}</translation>
    </message>
    <message>
        <source>Verifying evidence</source>
        <translation type="vanished">Проверка целостности доказательств</translation>
    </message>
</context>
<context>
    <name>ChoiceFieldEditor</name>
    <message>
        <source>two-letter code, e.g. KZ</source>
        <translation type="vanished">двухбуквенный код, например KZ</translation>
    </message>
</context>
<context>
    <name>CustodyDialog</name>
    <message>
        <location filename="../../gui/evidence/custody.py" line="55"/>
        <source>Record a hand-over</source>
        <extracomment>The item combo&apos;s first entry: a physical item named in the text field.</extracomment>
        <translation>Регистрация передачи (цепочка хранения)</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/custody.py" line="60"/>
        <source>A physical item (name it below)</source>
        <translation>Материальный предмет (укажите ниже)</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/custody.py" line="62"/>
        <source>Exhibit {0}: {1}</source>
        <translation>Доказательство {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/custody.py" line="66"/>
        <source>e.g. original registration certificate, car keys</source>
        <translation>например, оригинал свидетельства о регистрации, ключи</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/custody.py" line="68"/>
        <source>Who handed it over</source>
        <translation>Кто передал</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/custody.py" line="70"/>
        <source>Who received it</source>
        <translation>Кто принял</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/custody.py" line="76"/>
        <source>e.g. expert examination, storage, return</source>
        <translation>например, экспертиза, хранение, возврат</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/custody.py" line="82"/>
        <source>&amp;What</source>
        <translation>&amp;Что</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/custody.py" line="83"/>
        <source>&amp;Item</source>
        <translation>&amp;Предмет</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/custody.py" line="84"/>
        <source>&amp;From</source>
        <translation>&amp;От кого</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/custody.py" line="85"/>
        <source>&amp;To</source>
        <translation>&amp;Кому</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/custody.py" line="86"/>
        <source>W&amp;hen</source>
        <translation>Ко&amp;гда</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/custody.py" line="87"/>
        <source>&amp;Place</source>
        <translation>&amp;Место</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/custody.py" line="88"/>
        <source>P&amp;urpose</source>
        <translation>&amp;Цель</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/custody.py" line="89"/>
        <source>Seal &amp;number</source>
        <translation>&amp;Номер пломбы</translation>
    </message>
    <message>
        <source>&amp;Seal number</source>
        <translation type="vanished">&amp;Номер пломбы</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/custody.py" line="142"/>
        <source>Say what was handed over.</source>
        <translation>Укажите, что было передано.</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/custody.py" line="144"/>
        <source>Who handed it over is required.</source>
        <translation>Укажите, кто передал.</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/custody.py" line="146"/>
        <source>Who received it is required.</source>
        <translation>Укажите, кто принял.</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/custody.py" line="182"/>
        <source>Saving…</source>
        <translation>Сохранение…</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/custody.py" line="182"/>
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
</context>
<context>
    <name>DateFieldEditor</name>
    <message>
        <location filename="../../gui/forms/fields.py" line="173"/>
        <source>YYYY-MM-DD or DD.MM.YYYY</source>
        <translation>ГГГГ-ММ-ДД или ДД.ММ.ГГГГ</translation>
    </message>
    <message>
        <location filename="../../gui/forms/fields.py" line="186"/>
        <source>Pick the date from a calendar</source>
        <translation>Выбрать дату в календаре</translation>
    </message>
    <message>
        <location filename="../../gui/forms/fields.py" line="187"/>
        <source>Calendar</source>
        <translation>Календарь</translation>
    </message>
</context>
<context>
    <name>DeclarationFilePicker</name>
    <message>
        <location filename="../../gui/widgets.py" line="194"/>
        <source>&amp;File:</source>
        <extracomment>The files a declaration picker offers.</extracomment>
        <translation>&amp;Файл:</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="197"/>
        <source>&amp;Sheet:</source>
        <translation>&amp;Лист:</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="215"/>
        <source>Declaration files ({0})</source>
        <translation>Файлы деклараций ({0})</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="225"/>
        <source>There is no such file.</source>
        <translation>Такого файла нет.</translation>
    </message>
</context>
<context>
    <name>EvidencePreview</name>
    <message>
        <location filename="../../gui/evidence/preview.py" line="157"/>
        <location filename="../../gui/evidence/preview.py" line="247"/>
        <source>Select an exhibit to preview it.</source>
        <extracomment>Larger images are decoded scaled down to this many pixels on their longer side. What the pane shows in its upper part.</extracomment>
        <translation>Выберите доказательство для просмотра.</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/preview.py" line="162"/>
        <source>Image preview</source>
        <translation>Просмотр изображения</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/preview.py" line="172"/>
        <source>PDF preview</source>
        <translation>Просмотр PDF</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/preview.py" line="185"/>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/preview.py" line="186"/>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/preview.py" line="188"/>
        <source>Pixels</source>
        <translation>Пиксели</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/preview.py" line="189"/>
        <source>Pages</source>
        <translation>Страницы</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/preview.py" line="190"/>
        <source>Taken (EXIF)</source>
        <translation>Снято (EXIF)</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/preview.py" line="191"/>
        <source>Camera</source>
        <translation>Камера</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/preview.py" line="192"/>
        <source>GPS</source>
        <translation>GPS</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/preview.py" line="193"/>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/preview.py" line="194"/>
        <source>Description</source>
        <translation>Описание</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/preview.py" line="195"/>
        <source>Obtained from</source>
        <translation>Получено от</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/preview.py" line="196"/>
        <source>Obtained on</source>
        <translation>Дата получения</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/preview.py" line="197"/>
        <source>Obtained by</source>
        <translation>Кем получено</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/preview.py" line="198"/>
        <source>Logged</source>
        <translation>Зарегистрировано</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/preview.py" line="199"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/preview.py" line="200"/>
        <source>Not readable</source>
        <translation>Не читается</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/preview.py" line="254"/>
        <source>Loading the preview…</source>
        <translation>Загрузка просмотра…</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/preview.py" line="277"/>
        <location filename="../../gui/evidence/preview.py" line="304"/>
        <source>Exhibit {0}: {1}</source>
        <translation>Доказательство {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/preview.py" line="284"/>
        <source>The stored bytes of this exhibit do not match its SHA-256: the file was altered or damaged. Run “Verify integrity”.</source>
        <translation>Сохранённые данные этого доказательства не совпадают с его SHA-256: файл изменён или повреждён. Выполните «Проверить целостность».</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/preview.py" line="291"/>
        <location filename="../../gui/evidence/preview.py" line="298"/>
        <source>No preview for this type of file.</source>
        <translation>Просмотр файлов этого типа недоступен.</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/preview.py" line="327"/>
        <source>Thumbnail only: this image format cannot be shown here.</source>
        <translation>Только миниатюра: изображение в этом формате здесь не отображается.</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/preview.py" line="332"/>
        <source>This image cannot be shown: {0}</source>
        <translation>Не удалось показать изображение: {0}</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/preview.py" line="346"/>
        <source>This PDF cannot be shown.</source>
        <translation>Не удалось показать этот PDF.</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/preview.py" line="356"/>
        <source>Page {0} of {1}</source>
        <translation>Страница {0} из {1}</translation>
    </message>
    <message>
        <source>Pages: {0}</source>
        <translation type="vanished">Страниц: {0}</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation type="vanished">
            <numerusform>%n страница</numerusform>
            <numerusform>%n страницы</numerusform>
            <numerusform>%n страниц</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/evidence/preview.py" line="380"/>
        <source>{0} ({1} bytes)</source>
        <translation>{0} ({1} байт)</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/preview.py" line="388"/>
        <source>withdrawn: {0}</source>
        <translation>исключено: {0}</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/preview.py" line="390"/>
        <source>active</source>
        <translation>действует</translation>
    </message>
</context>
<context>
    <name>EvidenceTab</name>
    <message>
        <location filename="../../gui/evidence/tab.py" line="117"/>
        <source>&amp;Add files…</source>
        <extracomment>Blobs up to this size are read for the preview without a progress dialog. Larger blobs are not previewed (their metadata is shown; &quot;Export copy…&quot; opens them).</extracomment>
        <translation>До&amp;бавить файлы…</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="119"/>
        <source>Choose files to add as exhibits (or drop them here)</source>
        <translation>Выберите файлы, чтобы добавить их как доказательства (или перетащите их сюда)</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="121"/>
        <source>&amp;Withdraw…</source>
        <translation>Искл&amp;ючить…</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="123"/>
        <source>E&amp;xport copy…</source>
        <translation>&amp;Экспорт копии…</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="125"/>
        <source>Copy the exhibit to a folder, checking its hash</source>
        <translation>Скопировать доказательство в папку с проверкой хеш-суммы</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="128"/>
        <source>Ver&amp;ify integrity</source>
        <translation>Проверить &amp;целостность</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="128"/>
        <source>Re-hash every exhibit of the case</source>
        <translation>Заново вычислить хеш-суммы всех доказательств дела</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="138"/>
        <source>Exhibits</source>
        <translation>Доказательства</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="150"/>
        <location filename="../../gui/evidence/tab.py" line="456"/>
        <source>Drop files here to add them as exhibits.</source>
        <translation>Перетащите файлы сюда, чтобы добавить их как доказательства.</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="155"/>
        <source>Chain of custody</source>
        <translation>Цепочка хранения</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="159"/>
        <source>&amp;Limit to the selected exhibit</source>
        <translation>Только по &amp;выбранному доказательству</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="161"/>
        <source>&amp;Record hand-over…</source>
        <translation>Зарегистрировать &amp;передачу…</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="164"/>
        <source>When (local time)</source>
        <translation>Когда (местное время)</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="165"/>
        <source>Item</source>
        <translation>Предмет</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="166"/>
        <source>From</source>
        <translation>От кого</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="167"/>
        <source>To</source>
        <translation>Кому</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="168"/>
        <source>Place</source>
        <translation>Место</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="169"/>
        <source>Seal</source>
        <translation>Пломба</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="170"/>
        <source>Purpose</source>
        <translation>Цель</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="171"/>
        <source>Recorded by</source>
        <translation>Кем записано</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="175"/>
        <source>Custody events</source>
        <translation>Передачи по цепочке хранения</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="374"/>
        <source>Too large to preview here ({0}); use Export copy… to open it.</source>
        <translation>Файл слишком велик для просмотра ({0}); откройте его через «Экспорт копии…».</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="405"/>
        <source>Preview cancelled.</source>
        <translation>Просмотр отменён.</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="411"/>
        <source>Loading the preview</source>
        <translation>Загрузка просмотра</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="422"/>
        <source>Release to add the files as exhibits ({0}).</source>
        <translation>Отпустите, чтобы добавить файлы в доказательства ({0}).</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="499"/>
        <location filename="../../gui/evidence/tab.py" line="522"/>
        <location filename="../../gui/evidence/tab.py" line="549"/>
        <source>Not added:</source>
        <translation>Не добавлено:</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="510"/>
        <source>Adding evidence files ({0})</source>
        <translation>Добавление файлов в доказательства ({0})</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="592"/>
        <source>All hashes match. Exhibits checked: {0}.</source>
        <translation>Все хеш-суммы совпадают. Проверено доказательств: {0}.</translation>
    </message>
    <message numerus="yes">
        <source>Release to add %n file(s) as exhibits.</source>
        <translation type="vanished">
            <numerusform>Отпустите, чтобы добавить %n файл в доказательства.</numerusform>
            <numerusform>Отпустите, чтобы добавить %n файла в доказательства.</numerusform>
            <numerusform>Отпустите, чтобы добавить %n файлов в доказательства.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="463"/>
        <source>Add evidence files</source>
        <translation>Добавление файлов доказательств</translation>
    </message>
    <message>
        <source>Not added: {0}</source>
        <translation type="vanished">Не добавлено: {0}</translation>
    </message>
    <message numerus="yes">
        <source>Adding %n file(s) as evidence</source>
        <translation type="vanished">
            <numerusform>Добавление %n файла в доказательства</numerusform>
            <numerusform>Добавление %n файлов в доказательства</numerusform>
            <numerusform>Добавление %n файлов в доказательства</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="529"/>
        <source>Added: {0}.</source>
        <translation>Добавлено: {0}.</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="527"/>
        <location filename="../../gui/evidence/tab.py" line="621"/>
        <source>exhibit {0} ({1})</source>
        <translation>доказательство {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="535"/>
        <source>Exhibit {0} has the same content as exhibit {1}.</source>
        <translation>Доказательство {0} совпадает по содержимому с доказательством {1}.</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="540"/>
        <source>Stopped; not added: {0}</source>
        <translation>Остановлено; не добавлено: {0}</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="583"/>
        <source>Verifying the evidence</source>
        <translation>Проверка целостности доказательств</translation>
    </message>
    <message numerus="yes">
        <source>%n exhibit(s) checked: all hashes match.</source>
        <translation type="vanished">
            <numerusform>Проверено %n доказательство: все хеш-суммы совпадают.</numerusform>
            <numerusform>Проверено %n доказательства: все хеш-суммы совпадают.</numerusform>
            <numerusform>Проверено %n доказательств: все хеш-суммы совпадают.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="595"/>
        <source>ALTERED: {0}</source>
        <translation>ИЗМЕНЕНО: {0}</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="597"/>
        <source>exhibit {0} {1}</source>
        <translation>доказательство {0} {1}</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="637"/>
        <source>Withdrawing the exhibit</source>
        <translation>Исключение доказательства</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="678"/>
        <source>Export a copy of exhibit {0} to</source>
        <translation>Куда экспортировать копию доказательства {0}</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="687"/>
        <source>Exhibit {0} copied to {1} (SHA-256 checked).</source>
        <translation>Доказательство {0} скопировано в {1} (хеш-сумма SHA-256 проверена).</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="694"/>
        <source>Exporting a copy</source>
        <translation>Экспорт копии</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/tab.py" line="727"/>
        <source>Recording the hand-over</source>
        <translation>Регистрация передачи</translation>
    </message>
</context>
<context>
    <name>ExhibitsModel</name>
    <message>
        <location filename="../../gui/evidence/model.py" line="90"/>
        <source>Exhibit</source>
        <extracomment>Decoded thumbnails by content (None: none to show), kept across readings of the case so a refresh decodes only new content.</extracomment>
        <translation>Доказательство</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/model.py" line="91"/>
        <source>Name</source>
        <translation>Имя файла</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/model.py" line="92"/>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/model.py" line="93"/>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/model.py" line="94"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/model.py" line="147"/>
        <source>ALTERED</source>
        <translation>ИЗМЕНЕНО</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/model.py" line="149"/>
        <source>withdrawn</source>
        <translation>исключено</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/model.py" line="151"/>
        <source>active</source>
        <translation>действует</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/model.py" line="160"/>
        <source>{0} bytes</source>
        <translation>{0} байт</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/model.py" line="164"/>
        <source>Withdrawn: {0}</source>
        <translation>Исключено: {0}</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../gui/case_file/export_dialog.py" line="81"/>
        <source>Export case {0}</source>
        <extracomment>output key -&gt; file suffix of the proposed name Out-of-date vehicles named in a message (the rest are counted). The rules were run on the case from this dialog (its findings changed).</extracomment>
        <translation>Экспорт дела {0}</translation>
    </message>
    <message>
        <location filename="../../gui/case_file/export_dialog.py" line="84"/>
        <source>Outputs</source>
        <translation>Что сформировать</translation>
    </message>
    <message>
        <location filename="../../gui/case_file/export_dialog.py" line="93"/>
        <source>&amp;PDF case file</source>
        <translation>&amp;Дело в формате PDF</translation>
    </message>
    <message>
        <location filename="../../gui/case_file/export_dialog.py" line="94"/>
        <source>E&amp;xcel workbook</source>
        <translation>&amp;Книга Excel</translation>
    </message>
    <message>
        <location filename="../../gui/case_file/export_dialog.py" line="95"/>
        <source>&amp;Hearing bundle (.zip)</source>
        <translation>&amp;Пакет для судебного заседания (.zip)</translation>
    </message>
    <message>
        <location filename="../../gui/case_file/export_dialog.py" line="120"/>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <location filename="../../gui/case_file/export_dialog.py" line="121"/>
        <source>Русский</source>
        <translation>Русский</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation type="vanished">&amp;Выбрать…</translation>
    </message>
    <message>
        <location filename="../../gui/case_file/export_dialog.py" line="128"/>
        <source>&amp;Language:</source>
        <translation>&amp;Язык:</translation>
    </message>
    <message>
        <location filename="../../gui/case_file/export_dialog.py" line="129"/>
        <source>&amp;Folder:</source>
        <translation>П&amp;апка:</translation>
    </message>
    <message>
        <location filename="../../gui/case_file/export_dialog.py" line="136"/>
        <source>&amp;Run the rules, then export</source>
        <translation>&amp;Применить правила и экспортировать</translation>
    </message>
    <message>
        <location filename="../../gui/case_file/export_dialog.py" line="138"/>
        <source>Export a &amp;draft marked FINDINGS OUT OF DATE</source>
        <translation>Экспортировать &amp;черновик с пометкой «РЕЗУЛЬТАТЫ УСТАРЕЛИ»</translation>
    </message>
    <message>
        <location filename="../../gui/case_file/export_dialog.py" line="148"/>
        <source>Output</source>
        <translation>Результат</translation>
    </message>
    <message>
        <location filename="../../gui/case_file/export_dialog.py" line="148"/>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <location filename="../../gui/case_file/export_dialog.py" line="148"/>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <location filename="../../gui/case_file/export_dialog.py" line="163"/>
        <source>&amp;Export</source>
        <translation>&amp;Экспортировать</translation>
    </message>
    <message>
        <location filename="../../gui/case_file/export_dialog.py" line="166"/>
        <source>&amp;Open folder</source>
        <translation>&amp;Открыть папку</translation>
    </message>
    <message>
        <location filename="../../gui/case_file/export_dialog.py" line="204"/>
        <source>Folder for the exported files</source>
        <translation>Папка для экспортируемых файлов</translation>
    </message>
    <message>
        <location filename="../../gui/case_file/export_dialog.py" line="225"/>
        <source>This folder does not exist.</source>
        <translation>Эта папка не существует.</translation>
    </message>
    <message>
        <location filename="../../gui/case_file/export_dialog.py" line="228"/>
        <source>Choose at least one output.</source>
        <translation>Выберите хотя бы один результат.</translation>
    </message>
    <message>
        <location filename="../../gui/case_file/export_dialog.py" line="236"/>
        <source>Give a file name (without a folder).</source>
        <translation>Укажите имя файла (без папки).</translation>
    </message>
    <message>
        <location filename="../../gui/case_file/export_dialog.py" line="239"/>
        <source>A file with this name exists already; it is never overwritten. Choose another name.</source>
        <translation>Файл с таким именем уже существует, он никогда не перезаписывается. Выберите другое имя.</translation>
    </message>
    <message>
        <location filename="../../gui/case_file/export_dialog.py" line="243"/>
        <source>Two outputs cannot have the same name.</source>
        <translation>У двух результатов не может быть одного имени.</translation>
    </message>
    <message>
        <location filename="../../gui/case_file/export_dialog.py" line="265"/>
        <source>Exporting case {0}</source>
        <translation>Экспорт дела {0}</translation>
    </message>
    <message>
        <location filename="../../gui/case_file/export_dialog.py" line="284"/>
        <source>Running the rules</source>
        <translation>Применение правил</translation>
    </message>
    <message>
        <location filename="../../gui/case_file/export_dialog.py" line="303"/>
        <source>Nothing was exported: {0}</source>
        <translation>Ничего не экспортировано: {0}</translation>
    </message>
    <message>
        <location filename="../../gui/case_file/export_dialog.py" line="315"/>
        <source>Export refused: the findings of {0} vehicle(s) are out of date ({1}), so no file was written. Run the rules to bring them up to date, or export a draft marked FINDINGS OUT OF DATE.</source>
        <translation>Экспорт отклонён: результаты проверки по ТС ({0}) устарели ({1}), поэтому ни один файл не записан. Примените правила, чтобы обновить их, или экспортируйте черновик с пометкой «РЕЗУЛЬТАТЫ УСТАРЕЛИ».</translation>
    </message>
    <message>
        <location filename="../../gui/case_file/export_dialog.py" line="329"/>
        <source>Export refused: evidence of this case no longer matches its recorded hashes, so no file was written. Verify the evidence and report the alteration.

{0}</source>
        <translation>Экспорт отклонён: доказательства по этому делу больше не совпадают с записанными хеш-суммами, поэтому ни один файл не записан. Проверьте доказательства и сообщите об их изменении.

{0}</translation>
    </message>
    <message>
        <location filename="../../gui/case_file/export_dialog.py" line="307"/>
        <source>Export cancelled; no file was written.</source>
        <translation>Экспорт отменён; ни один файл не записан.</translation>
    </message>
    <message>
        <location filename="../../gui/case_file/export_dialog.py" line="339"/>
        <source>PDF case file</source>
        <translation>Дело в формате PDF</translation>
    </message>
    <message>
        <location filename="../../gui/case_file/export_dialog.py" line="340"/>
        <source>Excel workbook</source>
        <translation>Книга Excel</translation>
    </message>
    <message>
        <location filename="../../gui/case_file/export_dialog.py" line="341"/>
        <source>Hearing bundle</source>
        <translation>Пакет для судебного заседания</translation>
    </message>
    <message>
        <location filename="../../gui/case_file/export_dialog.py" line="356"/>
        <source>{0} files written.</source>
        <translation>Записано файлов: {0}.</translation>
    </message>
    <message>
        <location filename="../../gui/case_file/export_dialog.py" line="360"/>
        <source>A draft: marked FINDINGS OUT OF DATE for {0} vehicle(s) ({1}).</source>
        <translation>Черновик: помечен «РЕЗУЛЬТАТЫ УСТАРЕЛИ» для ТС ({0}): {1}.</translation>
    </message>
    <message>
        <location filename="../../gui/case_file/export_dialog.py" line="364"/>
        <source>Warning: the audit trail did not verify; the integrity statement says so.</source>
        <translation>Внимание: журнал аудита не прошёл проверку; это указано в заявлении о целостности.</translation>
    </message>
    <message>
        <location filename="../../gui/case_file/export_dialog.py" line="370"/>
        <source>Bundle manifest SHA-256: {0}</source>
        <translation>SHA-256 описи пакета: {0}</translation>
    </message>
</context>
<context>
    <name>FieldForm</name>
    <message>
        <location filename="../../gui/forms/fields.py" line="404"/>
        <source>{0} *</source>
        <translation>{0} *</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="137"/>
        <source>Declaration file</source>
        <extracomment>Columns of the bad-cell list on the check page. What happens to a bad cell on import -&gt; the background of its line.</extracomment>
        <translation>Файл деклараций</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="139"/>
        <source>Choose the .xlsx or .csv file to import into case {0}.</source>
        <translation>Выберите файл .xlsx или .csv для импорта в дело {0}.</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation type="vanished">&amp;Выбрать…</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation type="vanished">&amp;Файл:</translation>
    </message>
    <message>
        <source>&amp;Sheet:</source>
        <translation type="vanished">&amp;Лист:</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="143"/>
        <source>Declaration file to import</source>
        <translation>Файл деклараций для импорта</translation>
    </message>
    <message>
        <source>Declaration files ({0})</source>
        <translation type="vanished">Файлы деклараций ({0})</translation>
    </message>
    <message>
        <source>There is no such file.</source>
        <translation type="vanished">Такого файла нет.</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="183"/>
        <source>Reading {0}</source>
        <translation>Чтение {0}</translation>
    </message>
</context>
<context>
    <name>FindingsTab</name>
    <message>
        <location filename="../../gui/case/findings.py" line="56"/>
        <source>Vehicle / rule</source>
        <extracomment>Vehicles whose findings are added to the tree per event-loop turn. Out-of-date vehicles named in the banner (the rest are counted). Rule ids of the data-quality findings start so (rules.md, &quot;Data quality&quot;).</extracomment>
        <translation>ТС / правило</translation>
    </message>
    <message>
        <location filename="../../gui/case/findings.py" line="56"/>
        <source>Severity</source>
        <translation>Уровень риска</translation>
    </message>
    <message>
        <location filename="../../gui/case/findings.py" line="56"/>
        <source>Explanation</source>
        <translation>Пояснение</translation>
    </message>
    <message>
        <location filename="../../gui/case/findings.py" line="64"/>
        <source>Select a finding to read its explanation and legal basis.</source>
        <translation>Выберите вывод, чтобы прочитать его обоснование и правовое основание.</translation>
    </message>
    <message>
        <location filename="../../gui/case/findings.py" line="66"/>
        <source>&amp;Run the rules</source>
        <translation>&amp;Применить правила</translation>
    </message>
    <message>
        <location filename="../../gui/case/findings.py" line="87"/>
        <source>Run the rules &amp;now</source>
        <translation>Применить правила &amp;сейчас</translation>
    </message>
    <message>
        <location filename="../../gui/case/findings.py" line="106"/>
        <location filename="../../gui/case/findings.py" line="119"/>
        <source>Findings out of date: run the rules.</source>
        <translation>Результаты проверки устарели: примените правила.</translation>
    </message>
    <message>
        <location filename="../../gui/case/findings.py" line="109"/>
        <source>The findings of {0} vehicle(s) no longer match what they were computed from; the case cannot be made ready for a hearing or exported until the rules run again.</source>
        <translation>Результаты проверки по ТС ({0}) больше не соответствуют данным, по которым они получены; дело нельзя передать к заседанию или экспортировать, пока правила не будут применены снова.</translation>
    </message>
    <message>
        <location filename="../../gui/case/findings.py" line="116"/>
        <source>… and {0} more.</source>
        <translation>… и ещё {0}.</translation>
    </message>
    <message>
        <location filename="../../gui/case/findings.py" line="147"/>
        <source>Data quality ({0})</source>
        <translation>Качество данных ({0})</translation>
    </message>
    <message>
        <location filename="../../gui/case/findings.py" line="149"/>
        <source>Doubtful facts of the declaration; they accuse no one.</source>
        <translation>Сомнительные сведения декларации; это никого не обвиняет.</translation>
    </message>
    <message>
        <location filename="../../gui/case/findings.py" line="167"/>
        <source>{0}: needs facts</source>
        <translation>{0}: нужны сведения</translation>
    </message>
    <message>
        <location filename="../../gui/case/findings.py" line="186"/>
        <source>findings out of date ({0})</source>
        <translation>результаты устарели ({0})</translation>
    </message>
    <message>
        <location filename="../../gui/case/findings.py" line="191"/>
        <source>VIN recorded as declared: {0}</source>
        <translation>VIN записан как заявлен: {0}</translation>
    </message>
    <message>
        <location filename="../../gui/case/findings.py" line="205"/>
        <source>[legal basis not confirmed] {0}</source>
        <translation>[правовое основание не подтверждено] {0}</translation>
    </message>
    <message>
        <location filename="../../gui/case/findings.py" line="222"/>
        <source>Pack version chosen by the import date {0}.</source>
        <translation>Версия пакета выбрана по дате ввоза {0}.</translation>
    </message>
    <message>
        <location filename="../../gui/case/findings.py" line="225"/>
        <source>Import date unknown: the pack version in force on {0} (the day of evaluation) applied.</source>
        <translation>Дата ввоза неизвестна: применена версия пакета, действовавшая {0} (в день проверки).</translation>
    </message>
    <message>
        <location filename="../../gui/case/findings.py" line="229"/>
        <source>Pack version chosen by the date {0}.</source>
        <translation>Версия пакета выбрана по дате {0}.</translation>
    </message>
    <message>
        <location filename="../../gui/case/findings.py" line="231"/>
        <source>Pack {0}, version {1}.</source>
        <translation>Пакет {0}, версия {1}.</translation>
    </message>
    <message>
        <location filename="../../gui/case/findings.py" line="246"/>
        <source>Legal basis:</source>
        <translation>Правовое основание:</translation>
    </message>
    <message>
        <location filename="../../gui/case/findings.py" line="253"/>
        <source>Data quality: a fact of the declaration is doubtful; this accuses no one, but may weaken the findings that use it.</source>
        <translation>Качество данных: сведения декларации сомнительны; это никого не обвиняет, но может ослабить выводы, которые на них опираются.</translation>
    </message>
    <message>
        <location filename="../../gui/case/findings.py" line="262"/>
        <source>The legal basis of this rule is not confirmed: check it before relying on this finding.</source>
        <translation>Правовое основание этого правила не подтверждено: проверьте его, прежде чем опираться на этот вывод.</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="566"/>
        <source>Import</source>
        <translation>Импорт</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="568"/>
        <source>The file is imported in one step: all of it or nothing. Then the rules run.</source>
        <translation>Файл импортируется за один шаг — полностью или не импортируется вовсе. Затем применяются правила.</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="574"/>
        <source>Row</source>
        <translation>Строка</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="575"/>
        <source>Column</source>
        <translation>Столбец</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="576"/>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="577"/>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="599"/>
        <source>Importing…</source>
        <translation>Импорт…</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="604"/>
        <source>Importing {0} into {1}</source>
        <translation>Импорт {0} в дело {1}</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="609"/>
        <source>Import cancelled; nothing was written.</source>
        <translation>Импорт отменён; ничего не записано.</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="617"/>
        <source>The import was refused (strict) and nothing was written; the file has bad cells:</source>
        <translation>Импорт отклонён (строгий режим), ничего не записано: в файле есть ошибочные ячейки:</translation>
    </message>
    <message>
        <source>The import was refused and nothing was written; the file changed since it was checked and now has bad cells:</source>
        <translation type="vanished">Импорт отклонён, ничего не записано: файл изменился после проверки, и в нём теперь есть ошибочные ячейки:</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="625"/>
        <source>Vehicles added: {0}.</source>
        <translation>Добавлено ТС: {0}.</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="626"/>
        <source>New shipments: {0}.</source>
        <translation>Новых партий: {0}.</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="627"/>
        <source>Rows already in the case, skipped: {0}.</source>
        <translation>Пропущено строк, уже имеющихся в деле: {0}.</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="633"/>
        <source>Bad cells imported as unknown, their text kept with the vehicle: {0}.</source>
        <translation>Ошибочных ячеек импортировано как неизвестные (их текст сохранён при ТС): {0}.</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="638"/>
        <source>Rows without a VIN, not imported: {0}.</source>
        <translation>Строк без VIN, не импортировано: {0}.</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="641"/>
        <source>Cells corrected before the import: {0}.</source>
        <translation>Ячеек исправлено перед импортом: {0}.</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="644"/>
        <source>The rules were run: {0} new findings.</source>
        <translation>Правила применены; новых результатов: {0}.</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="648"/>
        <source>The rules could not be run ({0}); run them from the case.</source>
        <translation>Правила не удалось применить ({0}); примените их из дела.</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="653"/>
        <source>The rules were not run (cancelled); run them from the case.</source>
        <translation>Правила не применены (отменено); примените их из карточки дела.</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="664"/>
        <source>Warnings:</source>
        <translation>Предупреждения:</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="666"/>
        <source>… and {0} more.</source>
        <translation>… и ещё {0}.</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="672"/>
        <source>Nothing was imported: {0}</source>
        <translation>Ничего не импортировано: {0}</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="692"/>
        <source>Import declarations into {0}</source>
        <extracomment>The reader&apos;s mapping of the chosen columns, and the choice for each column.</extracomment>
        <translation>Импорт деклараций в дело {0}</translation>
    </message>
</context>
<context>
    <name>IngestDialog</name>
    <message>
        <location filename="../../gui/evidence/dialogs.py" line="73"/>
        <source>Add evidence</source>
        <translation>Добавление доказательств</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/dialogs.py" line="76"/>
        <source>and {0} more</source>
        <translation>и ещё {0}</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s): </source>
        <translation type="vanished">
            <numerusform>%n файл: </numerusform>
            <numerusform>%n файла: </numerusform>
            <numerusform>%n файлов: </numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/evidence/dialogs.py" line="77"/>
        <source>Files ({0}): {1}</source>
        <translation>Файлы ({0}): {1}</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/dialogs.py" line="80"/>
        <source>(not set)</source>
        <translation>(не указан)</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/dialogs.py" line="86"/>
        <source>guessed from the file</source>
        <translation>определён по файлу</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/dialogs.py" line="88"/>
        <source>What the file shows</source>
        <translation>Что содержит файл</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/dialogs.py" line="90"/>
        <source>From whom or where, e.g. the declarant</source>
        <translation>От кого или откуда, например от декларанта</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/dialogs.py" line="91"/>
        <source>known</source>
        <translation>известна</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/dialogs.py" line="108"/>
        <source>&amp;Kind</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/dialogs.py" line="109"/>
        <source>&amp;Description</source>
        <translation>&amp;Описание</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/dialogs.py" line="110"/>
        <source>Obtained &amp;from</source>
        <translation>&amp;Получено от</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/dialogs.py" line="111"/>
        <source>Obtained &amp;on</source>
        <translation>&amp;Дата получения</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/dialogs.py" line="112"/>
        <source>Obtained &amp;by</source>
        <translation>&amp;Кем получено</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/dialogs.py" line="113"/>
        <source>&amp;Add</source>
        <translation>Доб&amp;авить</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/main_window.py" line="51"/>
        <source>All cases</source>
        <extracomment>(label, days back) of the &quot;created&quot; filter; None means any time. (label, ``CaseQuery.view``) of the view selector above the list; who &quot;me&quot; is comes from the store (core resolves the acting login), never from the window.</extracomment>
        <translation>Все дела</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="52"/>
        <source>Awaiting my review</source>
        <translation>Ждут моей проверки</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="53"/>
        <source>Assigned to me</source>
        <translation>Назначены мне</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="56"/>
        <source>Any time</source>
        <translation>За всё время</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="57"/>
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="58"/>
        <source>Last 7 days</source>
        <translation>Последние 7 дней</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="59"/>
        <source>Last 30 days</source>
        <translation>Последние 30 дней</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="60"/>
        <source>Last 12 months</source>
        <translation>Последние 12 месяцев</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="98"/>
        <source>ZeroMile Case Desk</source>
        <extracomment>The case list shows the result of the latest refresh. the attached store&apos;s locator</extracomment>
        <translation>ZeroMile Case Desk</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="109"/>
        <location filename="../../gui/main_window.py" line="304"/>
        <source>Opening the case store…</source>
        <translation>Открытие базы дел…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="116"/>
        <source>Set your name and badge…</source>
        <translation>Укажите своё имя и номер жетона…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="118"/>
        <source>Changes are recorded under your workstation login until you do.</source>
        <translation>До этого изменения записываются под учётной записью компьютера.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="137"/>
        <source>View</source>
        <extracomment>Who is acting, as the store knows them (read with the store: never typed).</extracomment>
        <translation>Представление</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="142"/>
        <source>Search: reference, VIN, party name or declaration number</source>
        <translation>Поиск: номер дела, VIN, участник или номер декларации</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="146"/>
        <source>All statuses</source>
        <translation>Все статусы</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="150"/>
        <source>Jurisdiction</source>
        <translation>Юрисдикция</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="154"/>
        <source>All inspectors</source>
        <translation>Все инспекторы</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="206"/>
        <source>&amp;View:</source>
        <translation>&amp;Показать:</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="250"/>
        <source>&amp;New case…</source>
        <translation>&amp;Новое дело…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="252"/>
        <source>&amp;Import declarations…</source>
        <translation>&amp;Импорт деклараций…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="254"/>
        <source>S&amp;creen a file…</source>
        <translation>&amp;Проверка файла…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="255"/>
        <source>&amp;Export case…</source>
        <translation>&amp;Экспорт дела…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="256"/>
        <source>Se&amp;ttings…</source>
        <translation>Нас&amp;тройки…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="257"/>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="258"/>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="267"/>
        <source>&amp;Find</source>
        <translation>&amp;Найти</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="268"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Обновить</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="269"/>
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="270"/>
        <source>Run the &amp;rules</source>
        <translation>&amp;Применить правила</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="272"/>
        <source>&amp;Verify integrity</source>
        <translation>Проверить &amp;целостность</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="274"/>
        <source>&amp;Case</source>
        <translation>&amp;Дело</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="281"/>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="282"/>
        <source>&amp;About ZeroMile Case Desk</source>
        <translation>&amp;О программе ZeroMile Case Desk</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="306"/>
        <source>Opening the case store</source>
        <translation>Открытие базы дел</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="310"/>
        <source>The case store could not be opened</source>
        <translation>Не удалось открыть базу дел</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="369"/>
        <source>Store: {0}</source>
        <translation>Хранилище: {0}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="370"/>
        <source>Acting as: {0}</source>
        <translation>Работает: {0}</translation>
    </message>
    <message>
        <source>Store: {0}   Acting as: {1}</source>
        <translation type="vanished">База дел: {0}   От имени: {1}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="413"/>
        <location filename="../../gui/main_window.py" line="494"/>
        <source>The cases could not be listed: {0}</source>
        <translation>Не удалось показать список дел: {0}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="508"/>
        <source>{0} cases</source>
        <translation>Дел: {0}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="530"/>
        <source>Open a case first</source>
        <translation>Сначала откройте дело</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="572"/>
        <source>Creating the case</source>
        <translation>Создание дела</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="652"/>
        <source>About ZeroMile Case Desk</source>
        <translation>О программе ZeroMile Case Desk</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="654"/>
        <source>ZeroMile Case Desk {0}

Case management for customs inspectors: zero-mileage used cars.</source>
        <translation>ZeroMile Case Desk {0}

Ведение дел таможенного инспектора: «подержанные» автомобили с нулевым пробегом.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="668"/>
        <source>There are unsaved changes. Save them first?</source>
        <translation>Есть несохранённые изменения. Сохранить их?</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="190"/>
        <source>Columns</source>
        <translation>Столбцы</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="193"/>
        <source>Check which field each column fills. Recognised columns are chosen already; grey columns are not imported.</source>
        <translation>Проверьте, какое поле заполняет каждый столбец. Распознанные столбцы уже выбраны; серые столбцы не импортируются.</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="218"/>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="226"/>
        <source>— not imported —</source>
        <translation>— не импортировать —</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="267"/>
        <source>Not imported</source>
        <translation>Не импортируется</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="272"/>
        <source>Choose the column that holds the VIN.</source>
        <translation>Выберите столбец, в котором указан VIN.</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="275"/>
        <source>“{0}” is chosen for more than one column: {1}.</source>
        <translation>«{0}» выбрано для нескольких столбцов: {1}.</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="282"/>
        <source>Column {0} cannot be imported on its own: its header is empty or the same as another column&apos;s. Rename it in the file.</source>
        <translation>Столбец {0} нельзя импортировать отдельно: его заголовок пуст или совпадает с заголовком другого столбца. Переименуйте его в файле.</translation>
    </message>
</context>
<context>
    <name>NewCaseDialog</name>
    <message>
        <location filename="../../gui/new_case_dialog.py" line="45"/>
        <source>New case</source>
        <translation>Новое дело</translation>
    </message>
    <message>
        <location filename="../../gui/new_case_dialog.py" line="54"/>
        <source>&amp;Open case</source>
        <translation>&amp;Открыть дело</translation>
    </message>
    <message>
        <location filename="../../gui/new_case_dialog.py" line="57"/>
        <source>The case starts as a draft; shipments and vehicles come next.</source>
        <translation>Дело создаётся как черновик, затем в него добавляются партии и ТС.</translation>
    </message>
</context>
<context>
    <name>OperationRunner</name>
    <message>
        <location filename="../../gui/operations.py" line="175"/>
        <source>The worker process stopped unexpectedly; nothing was saved. Retry to start a new one.</source>
        <extracomment>the runner&apos;s one worker thread, in this process the reading process the worker process for long jobs the case&apos;s fields, status or notes shipments, vehicles, parties exhibits, custody, checks classification runs the case list (counts, titles, statuses)</extracomment>
        <translation>Рабочий процесс неожиданно остановился; ничего не сохранено. Повторите, чтобы запустить новый.</translation>
    </message>
    <message>
        <location filename="../../gui/operations.py" line="359"/>
        <source>Cancel</source>
        <extracomment>Every live runner, so tests can check that none leaves work or a process behind.</extracomment>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../../gui/operations.py" line="450"/>
        <source>Nothing was saved and your input is kept. Retry when the store is back.</source>
        <translation>Ничего не сохранено, введённые данные не потеряны. Повторите, когда база дел снова станет доступна.</translation>
    </message>
</context>
<context>
    <name>PathField</name>
    <message>
        <location filename="../../gui/widgets.py" line="83"/>
        <source>C&amp;hoose…</source>
        <extracomment>Background of a finding&apos;s row by severity.</extracomment>
        <translation>&amp;Выбрать…</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <location filename="../../gui/review/dialog.py" line="65"/>
        <source>Approve {0}</source>
        <extracomment>The key of the dialog&apos;s read: a newer one supersedes an older one.</extracomment>
        <translation>Утвердить {0}</translation>
    </message>
    <message>
        <location filename="../../gui/review/dialog.py" line="65"/>
        <source>Return {0}</source>
        <translation>Вернуть {0}</translation>
    </message>
    <message>
        <location filename="../../gui/review/dialog.py" line="73"/>
        <source>Case</source>
        <translation>Дело</translation>
    </message>
    <message>
        <location filename="../../gui/review/dialog.py" line="74"/>
        <source>Unit</source>
        <translation>Подразделение</translation>
    </message>
    <message>
        <location filename="../../gui/review/dialog.py" line="75"/>
        <source>Requested by</source>
        <translation>Запросил(а)</translation>
    </message>
    <message>
        <location filename="../../gui/review/dialog.py" line="76"/>
        <source>Contents</source>
        <translation>Содержимое</translation>
    </message>
    <message>
        <location filename="../../gui/review/dialog.py" line="77"/>
        <source>Content hash</source>
        <translation>Хеш содержимого</translation>
    </message>
    <message>
        <location filename="../../gui/review/dialog.py" line="79"/>
        <source>Reading…</source>
        <translation>Чтение…</translation>
    </message>
    <message>
        <location filename="../../gui/review/dialog.py" line="88"/>
        <source>Findings whose legal basis is unconfirmed</source>
        <translation>Выводы с неподтверждённым правовым основанием</translation>
    </message>
    <message>
        <location filename="../../gui/review/dialog.py" line="91"/>
        <location filename="../../gui/review/dialog.py" line="208"/>
        <source>Tick each one to acknowledge it: the approval records them.</source>
        <translation>Отметьте каждый, чтобы подтвердить, что вы его видели: утверждение их сохранит.</translation>
    </message>
    <message>
        <location filename="../../gui/review/dialog.py" line="99"/>
        <source>&amp;Comment:</source>
        <translation>&amp;Комментарий:</translation>
    </message>
    <message>
        <location filename="../../gui/review/dialog.py" line="99"/>
        <source>&amp;Reason:</source>
        <translation>&amp;Причина:</translation>
    </message>
    <message>
        <location filename="../../gui/review/dialog.py" line="104"/>
        <source>What you checked, for the case file</source>
        <translation>Что вы проверили — для материалов дела</translation>
    </message>
    <message>
        <location filename="../../gui/review/dialog.py" line="106"/>
        <source>What the inspector should do before asking again</source>
        <translation>Что инспектору сделать, прежде чем запросить снова</translation>
    </message>
    <message>
        <location filename="../../gui/review/dialog.py" line="117"/>
        <source>&amp;Approve</source>
        <translation>&amp;Утвердить</translation>
    </message>
    <message>
        <location filename="../../gui/review/dialog.py" line="117"/>
        <source>Re&amp;turn</source>
        <translation>&amp;Вернуть</translation>
    </message>
    <message>
        <location filename="../../gui/review/dialog.py" line="148"/>
        <source>The review could not be read: {0}</source>
        <translation>Не удалось прочитать проверку: {0}</translation>
    </message>
    <message>
        <location filename="../../gui/review/dialog.py" line="159"/>
        <source>{0} on {1}</source>
        <translation>{0}, {1}</translation>
    </message>
    <message>
        <location filename="../../gui/review/dialog.py" line="161"/>
        <source>nobody (the case was moved to review without a request)</source>
        <translation>никто (дело переведено на проверку без запроса)</translation>
    </message>
    <message>
        <location filename="../../gui/review/dialog.py" line="166"/>
        <source>{0} shipments · {1} vehicles · {2} parties · {3} current findings · {4} exhibits · {5} custody events</source>
        <translation>партий: {0} · ТС: {1} · участников: {2} · текущих выводов: {3} · вещдоков: {4} · записей о хранении: {5}</translation>
    </message>
    <message>
        <location filename="../../gui/review/dialog.py" line="205"/>
        <source>None: no current finding needs an acknowledgement.</source>
        <translation>Нет: ни один текущий вывод не требует подтверждения.</translation>
    </message>
    <message>
        <location filename="../../gui/review/dialog.py" line="213"/>
        <source>{0} · VIN {1}</source>
        <translation>{0} · VIN {1}</translation>
    </message>
    <message>
        <location filename="../../gui/review/dialog.py" line="251"/>
        <source>Not approved: acknowledge each finding whose legal basis is unconfirmed ({0} not ticked).</source>
        <translation>Не утверждено: подтвердите каждый вывод с неподтверждённым правовым основанием (не отмечено: {0}).</translation>
    </message>
    <message>
        <location filename="../../gui/review/dialog.py" line="264"/>
        <source>Recording the approval</source>
        <translation>Запись утверждения</translation>
    </message>
    <message>
        <location filename="../../gui/review/dialog.py" line="269"/>
        <source>Returning the case</source>
        <translation>Возврат дела</translation>
    </message>
    <message>
        <location filename="../../gui/review/dialog.py" line="291"/>
        <source>Not approved: {0}</source>
        <translation>Не утверждено: {0}</translation>
    </message>
    <message>
        <location filename="../../gui/review/dialog.py" line="291"/>
        <source>Not returned: {0}</source>
        <translation>Не возвращено: {0}</translation>
    </message>
</context>
<context>
    <name>ScreenDialog</name>
    <message>
        <location filename="../../gui/declarations/screen_dialog.py" line="58"/>
        <source>Screen a declaration file</source>
        <extracomment>The token of the last screening; its report stays in the worker process. The rule packs the screening applied, when one jurisdiction was chosen.</extracomment>
        <translation>Проверка файла деклараций</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/screen_dialog.py" line="66"/>
        <source>A declaration file (.xlsx or .csv)</source>
        <translation>Файл деклараций (.xlsx или .csv)</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation type="vanished">&amp;Выбрать…</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation type="vanished">&amp;Файл:</translation>
    </message>
    <message>
        <source>&amp;Sheet:</source>
        <translation type="vanished">&amp;Лист:</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/screen_dialog.py" line="80"/>
        <source>&amp;Rules of:</source>
        <translation>&amp;Правила:</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/screen_dialog.py" line="86"/>
        <location filename="../../gui/declarations/screen_dialog.py" line="95"/>
        <source>Row</source>
        <translation>Строка</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/screen_dialog.py" line="88"/>
        <source>Worst severity</source>
        <translation>Наивысший уровень риска</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/screen_dialog.py" line="89"/>
        <source>Rules fired</source>
        <translation>Сработавшие правила</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/screen_dialog.py" line="96"/>
        <source>Column</source>
        <translation>Столбец</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/screen_dialog.py" line="97"/>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/screen_dialog.py" line="98"/>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/screen_dialog.py" line="103"/>
        <source>Flagged rows</source>
        <translation>Строки с признаками риска</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/screen_dialog.py" line="104"/>
        <source>Unreadable cells</source>
        <translation>Нечитаемые ячейки</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/screen_dialog.py" line="109"/>
        <source>&amp;Screen</source>
        <translation>Пр&amp;оверить</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/screen_dialog.py" line="112"/>
        <source>Save &amp;report…</source>
        <translation>Сохранить о&amp;тчёт…</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/screen_dialog.py" line="72"/>
        <source>Each row&apos;s destination country</source>
        <translation>Страна назначения из каждой строки</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/screen_dialog.py" line="144"/>
        <source>{0} (packs: {1})</source>
        <translation>{0} (наборы правил: {1})</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/screen_dialog.py" line="60"/>
        <source>Declaration file to screen</source>
        <translation>Файл деклараций для проверки</translation>
    </message>
    <message>
        <source>Declaration files ({0})</source>
        <translation type="vanished">Файлы деклараций ({0})</translation>
    </message>
    <message>
        <source>There is no such file.</source>
        <translation type="vanished">Такого файла нет.</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/screen_dialog.py" line="173"/>
        <source>Screening {0}</source>
        <translation>Проверка {0}</translation>
    </message>
    <message>
        <source>high</source>
        <translation type="vanished">высокий</translation>
    </message>
    <message>
        <source>medium</source>
        <translation type="vanished">средний</translation>
    </message>
    <message>
        <source>info</source>
        <translation type="vanished">для сведения</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/screen_dialog.py" line="187"/>
        <source>Screening cancelled.</source>
        <translation>Проверка отменена.</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/screen_dialog.py" line="206"/>
        <source>Rows screened: {0}. Flagged: {1}.</source>
        <translation>Проверено строк: {0}. С признаками риска: {1}.</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/screen_dialog.py" line="210"/>
        <source>Worst severity: {0}.</source>
        <translation>Наивысший уровень риска: {0}.</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/screen_dialog.py" line="213"/>
        <source>Unreadable cells: {0} (those facts were treated as unknown).</source>
        <translation>Нечитаемых ячеек: {0} (эти сведения считались неизвестными).</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/screen_dialog.py" line="216"/>
        <source>Flagged rows ({0})</source>
        <translation>Строки с признаками риска ({0})</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/screen_dialog.py" line="217"/>
        <source>Unreadable cells ({0})</source>
        <translation>Нечитаемые ячейки ({0})</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/screen_dialog.py" line="234"/>
        <source>Save the screening report</source>
        <translation>Сохранение отчёта о проверке</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/screen_dialog.py" line="236"/>
        <source>Excel workbook ({0})</source>
        <translation>Книга Excel ({0})</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/screen_dialog.py" line="246"/>
        <source>Report saved: {0}</source>
        <translation>Отчёт сохранён: {0}</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/screen_dialog.py" line="251"/>
        <source>The report was not saved: {0}</source>
        <translation>Отчёт не сохранён: {0}</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/screen_dialog.py" line="257"/>
        <source>Saving the screening report</source>
        <translation>Сохранение отчёта о проверке</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="109"/>
        <source>Settings</source>
        <extracomment>pixels a radio button&apos;s own fields are indented by</extracomment>
        <translation>Настройки</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="134"/>
        <source>Case store</source>
        <translation>База дел</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="135"/>
        <source>This &amp;computer (SQLite file)</source>
        <translation>Этот &amp;компьютер (файл SQLite)</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="136"/>
        <source>Shared &amp;PostgreSQL server</source>
        <translation>&amp;Общий сервер PostgreSQL</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="145"/>
        <source>&amp;Browse…</source>
        <translation>Об&amp;зор…</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="147"/>
        <source>Leave empty for the default store: {0}</source>
        <translation>Оставьте пустым для базы по умолчанию: {0}</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="165"/>
        <source>&amp;Test connection</source>
        <translation>&amp;Проверить подключение</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="190"/>
        <source>Evidence location</source>
        <translation>Хранение доказательств</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="192"/>
        <source>&amp;Default: beside a SQLite store, inside a PostgreSQL store</source>
        <translation>По &amp;умолчанию: рядом с файлом SQLite, внутри базы PostgreSQL</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="194"/>
        <source>&amp;Shared folder that all workstations reach:</source>
        <translation>Общая п&amp;апка, доступная со всех рабочих мест:</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="199"/>
        <source>Bro&amp;wse…</source>
        <translation>Обзо&amp;р…</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="216"/>
        <source>Inspector identity</source>
        <translation>Данные инспектора</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="224"/>
        <source>&amp;Name:</source>
        <translation>&amp;ФИО:</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="225"/>
        <source>B&amp;adge:</source>
        <translation>&amp;Личный номер:</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="234"/>
        <source>Interface and cases</source>
        <translation>Интерфейс и дела</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="239"/>
        <source>(none)</source>
        <translation>(нет)</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="242"/>
        <source>Interface &amp;language:</source>
        <translation>&amp;Язык интерфейса:</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="243"/>
        <source>Default &amp;jurisdiction:</source>
        <translation>&amp;Юрисдикция по умолчанию:</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="260"/>
        <source>{0} is set on this computer ({1}) and takes precedence over this setting.</source>
        <translation>На этом компьютере задана переменная {0} ({1}); она имеет приоритет над этой настройкой.</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="345"/>
        <source>Enter the name that goes with the badge.</source>
        <translation>Укажите ФИО владельца личного номера.</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="349"/>
        <source>A badge number cannot contain brackets.</source>
        <translation>Личный номер не может содержать скобки.</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="360"/>
        <source>Enter the server&apos;s URL, e.g. postgresql://user@host:5432/zeromile.</source>
        <translation>Введите адрес сервера, например postgresql://user@host:5432/zeromile.</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="362"/>
        <source>A PostgreSQL URL starts with postgresql://</source>
        <translation>Адрес PostgreSQL начинается с postgresql://</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="364"/>
        <source>Add the database name at the end: postgresql://host/zeromile</source>
        <translation>Добавьте в конце имя базы данных: postgresql://host/zeromile</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="368"/>
        <source>Choose a file on this computer, or select the PostgreSQL server.</source>
        <translation>Выберите файл на этом компьютере или укажите сервер PostgreSQL.</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="370"/>
        <location filename="../../gui/settings/settings_dialog.py" line="541"/>
        <source>This is a folder; choose or type a file name for the store.</source>
        <translation>Это папка; выберите или введите имя файла базы дел.</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="373"/>
        <source>The folder {0} does not exist.</source>
        <translation>Папка {0} не существует.</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="380"/>
        <source>Choose the shared evidence folder.</source>
        <translation>Выберите общую папку для доказательств.</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="382"/>
        <location filename="../../gui/settings/settings_dialog.py" line="536"/>
        <source>The folder does not exist.</source>
        <translation>Папка не существует.</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="383"/>
        <source>This is a file, not a folder.</source>
        <translation>Это файл, а не папка.</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="384"/>
        <source>This account cannot write to that folder.</source>
        <translation>У этой учётной записи нет права записи в эту папку.</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="397"/>
        <source>The settings could not be saved: {0}</source>
        <translation>Не удалось сохранить настройки: {0}</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="427"/>
        <source>Store file</source>
        <translation>Файл базы дел</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="429"/>
        <source>ZeroMile store (*.db *.sqlite);;All files (*)</source>
        <translation>База ZeroMile (*.db *.sqlite);;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="438"/>
        <source>Shared evidence folder</source>
        <translation>Общая папка для доказательств</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="461"/>
        <source>Testing…</source>
        <translation>Проверка…</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="463"/>
        <source>Testing the connection…</source>
        <translation>Проверка подключения…</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="496"/>
        <source>No store here yet: a new store will be created in this file.</source>
        <translation>Базы здесь пока нет: в этом файле будет создана новая база дел.</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="498"/>
        <source>Connected. The database is empty: a new store will be created in it.</source>
        <translation>Подключено. База данных пуста: в ней будет создана новая база дел.</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="501"/>
        <source>Connected to a ZeroMile store (schema {0}, current).</source>
        <translation>Подключено к базе ZeroMile (схема {0}, актуальная).</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="505"/>
        <source>Connected to a ZeroMile store at an older schema ({0}); it will be upgraded to {1} when opened.</source>
        <translation>Подключено к базе ZeroMile со старой схемой ({0}); при открытии она будет обновлена до {1}.</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="511"/>
        <source>This store was made by a newer ZeroMile (schema {0}) and would be refused. Install the newer version.</source>
        <translation>Эта база создана более новой версией ZeroMile (схема {0}) и не будет открыта. Установите новую версию.</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="516"/>
        <source>Not a ZeroMile store: it would be refused and left unchanged.</source>
        <translation>Это не база ZeroMile: она не будет открыта и останется без изменений.</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="519"/>
        <source>Cannot connect: nothing accepts connections at {0}. Is the server running, and is the port right?</source>
        <translation>Не удалось подключиться: по адресу {0} подключения не принимаются. Запущен ли сервер и верен ли порт?</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="523"/>
        <source>Cannot connect: no answer from {0} in time. Check the host name and the network.</source>
        <translation>Не удалось подключиться: {0} не ответил вовремя. Проверьте имя хоста и сеть.</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="525"/>
        <source>Cannot connect: the host name in {0} was not found.</source>
        <translation>Не удалось подключиться: имя хоста в {0} не найдено.</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="527"/>
        <source>Cannot connect: {0} is unreachable from this computer.</source>
        <translation>Не удалось подключиться: {0} недоступен с этого компьютера.</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="530"/>
        <source>Cannot connect: authentication failed for user {1} (wrong user name or password).</source>
        <translation>Не удалось подключиться: ошибка аутентификации пользователя {1} (неверное имя пользователя или пароль).</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="533"/>
        <source>Cannot connect: the database {2} does not exist on {0}. Ask the administrator to create it.</source>
        <translation>Не удалось подключиться: базы данных {2} нет на {0}. Попросите администратора создать её.</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="538"/>
        <source>This account cannot write there (a read-only file or folder).</source>
        <translation>У этой учётной записи нет права записи (файл или папка только для чтения).</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="544"/>
        <source>Not a store location: use a SQLite file or a postgresql:// URL.</source>
        <translation>Здесь не может быть базы дел: укажите файл SQLite или адрес postgresql://.</translation>
    </message>
    <message>
        <location filename="../../gui/settings/settings_dialog.py" line="549"/>
        <source>Cannot use this store: {0}</source>
        <translation>Эту базу дел нельзя использовать: {0}</translation>
    </message>
</context>
<context>
    <name>ShipmentForm</name>
    <message>
        <location filename="../../gui/vehicles/forms.py" line="124"/>
        <source>Declaration</source>
        <extracomment>The shipment form&apos;s groups (titles in context ShipmentForm).</extracomment>
        <translation>Декларация</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/forms.py" line="126"/>
        <source>Transport</source>
        <translation>Перевозка</translation>
    </message>
</context>
<context>
    <name>ValidationPage</name>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="308"/>
        <source>Check</source>
        <translation>Проверка</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="310"/>
        <source>Every row is checked as the import would; nothing is written yet.</source>
        <translation>Каждая строка проверяется так же, как при импорте; пока ничего не записывается.</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="313"/>
        <source>&amp;Import</source>
        <translation>&amp;Импортировать</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="319"/>
        <source>Row</source>
        <translation>Строка</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="320"/>
        <source>Column</source>
        <translation>Столбец</translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="vanished">Значение</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="321"/>
        <source>As written</source>
        <translation>Как написано</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="322"/>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="323"/>
        <source>Correction</source>
        <translation>Исправление</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="324"/>
        <source>On import</source>
        <translation>При импорте</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="328"/>
        <source>Type the right value to fix the cell; leave it empty to import it as unknown</source>
        <translation>Введите верное значение, чтобы исправить ячейку; оставьте пустым, чтобы импортировать её как неизвестную</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="343"/>
        <source>&amp;Strict: refuse the whole file if any cell is bad</source>
        <translation>&amp;Строгий режим: отклонить весь файл, если есть ошибочная ячейка</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="345"/>
        <source>Nothing is imported while the file has a bad cell; correct them first</source>
        <translation>Пока в файле есть ошибочная ячейка, ничего не импортируется; сначала исправьте их</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="348"/>
        <source>Save the &amp;report…</source>
        <translation>Сохранить &amp;отчёт…</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="350"/>
        <source>A workbook listing each bad cell, with the rows and the bad cells marked</source>
        <translation>Книга Excel со списком ошибочных ячеек и строками файла, где эти ячейки выделены</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="384"/>
        <source>Checking every row…</source>
        <extracomment>The bad cells of the file as it is (the first check, without corrections).</extracomment>
        <translation>Проверка всех строк…</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="388"/>
        <source>Checking {0}</source>
        <translation>Проверка {0}</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="406"/>
        <source>Save the validation report</source>
        <translation>Сохранить отчёт о проверке</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="408"/>
        <source>Excel workbook ({0})</source>
        <translation>Книга Excel ({0})</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="415"/>
        <source>Report saved: {0}</source>
        <translation>Отчёт сохранён: {0}</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="418"/>
        <source>Writing the report</source>
        <translation>Запись отчёта</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="391"/>
        <source>Check cancelled.</source>
        <translation>Проверка отменена.</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="510"/>
        <source>imported as “{0}”</source>
        <translation>импортируется как «{0}»</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="512"/>
        <source>the file is refused (strict)</source>
        <translation>файл отклоняется (строгий режим)</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="514"/>
        <source>the row is not imported (no VIN)</source>
        <translation>строка не импортируется (нет VIN)</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="516"/>
        <source>imported as unknown; text kept</source>
        <translation>импортируется как неизвестное; текст сохраняется</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="532"/>
        <location filename="../../gui/declarations/import_wizard.py" line="549"/>
        <source>Cells corrected: {0}.</source>
        <translation>Исправлено ячеек: {0}.</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="537"/>
        <source>Rows checked: {0}. Bad cells: {1}. Strict: nothing can be imported while a cell is bad; correct them below or clear “Strict”.</source>
        <translation>Проверено строк: {0}. Ошибочных ячеек: {1}. Строгий режим: пока есть ошибочная ячейка, ничего нельзя импортировать; исправьте их ниже или снимите флажок «Строгий режим».</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="543"/>
        <source>Rows checked: {0}. Bad cells: {1}. They will be imported as unknown, with their text kept beside the vehicle; rows without a VIN are not imported. To fix a cell, type its value under “Correction”: the file is checked again.</source>
        <translation>Проверено строк: {0}. Ошибочных ячеек: {1}. Они будут импортированы как неизвестные, а их текст сохранится при ТС; строки без VIN не импортируются. Чтобы исправить ячейку, введите значение в столбце «Исправление»: файл будет проверен снова.</translation>
    </message>
    <message>
        <source>Rows checked: {0}. Bad cells: {1}. Nothing can be imported until the file is corrected; choose it again afterwards.</source>
        <translation type="vanished">Проверено строк: {0}. Ошибочных ячеек: {1}. Импорт невозможен, пока файл не исправлен; затем выберите его снова.</translation>
    </message>
    <message>
        <location filename="../../gui/declarations/import_wizard.py" line="528"/>
        <source>Rows checked: {0}. No problems found; ready to import.</source>
        <translation>Проверено строк: {0}. Ошибок нет; можно импортировать.</translation>
    </message>
</context>
<context>
    <name>VehicleForm</name>
    <message>
        <location filename="../../gui/vehicles/forms.py" line="107"/>
        <source>Identity</source>
        <extracomment>The vehicle form&apos;s groups: (title, translated in context VehicleForm; fields).</extracomment>
        <translation>Идентификация</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/forms.py" line="110"/>
        <source>Dates</source>
        <translation>Даты</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/forms.py" line="113"/>
        <source>Condition and value</source>
        <translation>Состояние и стоимость</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/forms.py" line="115"/>
        <source>Parties</source>
        <translation>Участники</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/forms.py" line="118"/>
        <source>Documents</source>
        <translation>Документы</translation>
    </message>
</context>
<context>
    <name>VehiclesTab</name>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="120"/>
        <source>Declaration</source>
        <translation>Декларация</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="121"/>
        <location filename="../../gui/vehicles/tab.py" line="135"/>
        <source>Shipment</source>
        <translation>Партия</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="122"/>
        <source>Border post</source>
        <translation>Пункт пропуска</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="123"/>
        <source>Arrival</source>
        <translation>Прибытие</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="124"/>
        <location filename="../../gui/vehicles/tab.py" line="190"/>
        <source>Vehicles</source>
        <translation>Транспортные средства</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="130"/>
        <source>Make</source>
        <translation>Марка</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="131"/>
        <source>Model</source>
        <translation>Модель</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="132"/>
        <source>Year</source>
        <translation>Год</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="133"/>
        <source>Odometer, km</source>
        <translation>Пробег, км</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="134"/>
        <source>Condition</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="136"/>
        <source>Findings</source>
        <translation>Результаты</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="90"/>
        <source>New &amp;shipment</source>
        <translation>&amp;Новая партия</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="92"/>
        <source>New &amp;vehicle</source>
        <translation>Новое &amp;ТС</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="151"/>
        <source>In shipment:</source>
        <translation>В партии:</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="162"/>
        <source>Select a shipment or a vehicle to edit it, or add a new one.</source>
        <translation>Выберите партию или ТС для редактирования либо добавьте новые.</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="100"/>
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="103"/>
        <source>Re&amp;vert</source>
        <translation>Отменить пра&amp;вки</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="189"/>
        <source>Shipments</source>
        <translation>Партии</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="373"/>
        <source>out of date</source>
        <translation>устарели</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="398"/>
        <source>{0}; recorded as declared (finding VIN-FORMAT)</source>
        <translation>{0}; записан как заявлен (вывод VIN-FORMAT)</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="406"/>
        <source>Findings out of date ({0}): run the rules.</source>
        <translation>Результаты проверки устарели ({0}): примените правила.</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="421"/>
        <source>VIN as declared: “{0}” — {1}; recorded as declared.</source>
        <translation>VIN как заявлен: «{0}» — {1}; записан как заявлен.</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="430"/>
        <source>{0}: “{1}” — {2}</source>
        <translation>{0}: «{1}» — {2}</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="438"/>
        <source>Imported from row {0} of {1}.</source>
        <translation>Импортировано из строки {0} файла {1}.</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="446"/>
        <source>As written in the declaration (read-only):</source>
        <translation>Как написано в декларации (только чтение):</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="525"/>
        <source>New shipment</source>
        <translation>Новая партия</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="528"/>
        <source>Shipment {0}</source>
        <translation>Партия {0}</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="531"/>
        <source>New vehicle</source>
        <translation>Новое ТС</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="531"/>
        <source>Vehicle {0}</source>
        <translation>ТС {0}</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="546"/>
        <source>This record was deleted by someone else; your edits are still here.</source>
        <translation>Эту запись удалил другой пользователь; ваши правки сохранены в форме.</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="585"/>
        <source>Unsaved changes</source>
        <translation>Несохранённые изменения</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="586"/>
        <source>This record has changes that are not saved yet. Save them?</source>
        <translation>В этой записи есть несохранённые изменения. Сохранить их?</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="620"/>
        <source>Not saved: {0} value(s) need fixing; see the marked fields.</source>
        <translation>Не сохранено: значений, требующих исправления: {0}; см. отмеченные поля.</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="652"/>
        <source>Saving</source>
        <translation>Сохранение</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="728"/>
        <source>Not saved: the store refused some values; see the marked fields.</source>
        <translation>Не сохранено: база дел отклонила некоторые значения; см. отмеченные поля.</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="735"/>
        <source>Not saved: someone else changed this record meanwhile. Stored now: {0}. Your edits are kept.</source>
        <translation>Не сохранено: тем временем запись изменил другой пользователь. Сейчас в хранилище: {0}. Ваши правки сохранены в форме.</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="739"/>
        <source>Not saved: {0}</source>
        <translation>Не сохранено: {0}</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="742"/>
        <source>Not saved: this record was deleted by someone else.</source>
        <translation>Не сохранено: эту запись удалил другой пользователь.</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="745"/>
        <source>Not saved: {0}
Your edits are still in the form.</source>
        <translation>Не сохранено: {0}
Ваши правки остались в форме.</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="760"/>
        <source>Saved, but please check:</source>
        <translation>Сохранено, но проверьте:</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="777"/>
        <source>This record was deleted by someone else.</source>
        <translation>Эту запись удалил другой пользователь.</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/tab.py" line="784"/>
        <source>Your edits are kept on top of the current version; check them and save again.</source>
        <translation>Ваши правки наложены на актуальную версию; проверьте их и сохраните снова.</translation>
    </message>
</context>
<context>
    <name>VinInfo</name>
    <message>
        <location filename="../../gui/vehicles/forms.py" line="65"/>
        <source>unknown</source>
        <translation>неизвестно</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/forms.py" line="68"/>
        <source>{0} — brands: {1}</source>
        <translation>{0} — марки: {1}</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/forms.py" line="69"/>
        <source>Maker: {0}</source>
        <translation>Производитель: {0}</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/forms.py" line="71"/>
        <source>Source: {0}; confidence: {1}</source>
        <translation>Источник: {0}; достоверность: {1}</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/forms.py" line="76"/>
        <source>Model year: {0}</source>
        <translation>Модельный год: {0}</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/forms.py" line="78"/>
        <source>Country: {0}</source>
        <translation>Страна: {0}</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/forms.py" line="80"/>
        <source>not a VIN</source>
        <translation>это не VIN</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/forms.py" line="82"/>
        <source>{0}. It will be recorded as declared (finding VIN-FORMAT).</source>
        <translation>{0}. VIN будет записан как заявлен (вывод VIN-FORMAT).</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/forms.py" line="88"/>
        <source>Check digit: not applicable</source>
        <translation>Контрольный знак: не применяется</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/forms.py" line="91"/>
        <source>Check digit: ok</source>
        <translation>Контрольный знак: верный</translation>
    </message>
    <message>
        <location filename="../../gui/vehicles/forms.py" line="95"/>
        <source>Check digit: wrong, expected {0}</source>
        <translation>Контрольный знак: неверный, ожидается {0}</translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <location filename="../../gui/evidence/dialogs.py" line="160"/>
        <source>Withdraw an exhibit</source>
        <translation>Исключение доказательства</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/dialogs.py" line="163"/>
        <source>Withdraw {0}? It stays stored and listed, marked withdrawn, with your reason.</source>
        <translation>Исключить {0}? Оно останется в хранилище и в списке с отметкой «исключено» и указанной вами причиной.</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/dialogs.py" line="169"/>
        <source>Why is it withdrawn?</source>
        <translation>Почему оно исключается?</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/dialogs.py" line="172"/>
        <source>&amp;Withdraw</source>
        <translation>&amp;Исключить</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/dialogs.py" line="177"/>
        <source>&amp;Reason</source>
        <translation>&amp;Причина</translation>
    </message>
    <message>
        <location filename="../../gui/evidence/dialogs.py" line="191"/>
        <source>A reason is required to withdraw evidence.</source>
        <translation>Для исключения доказательства нужно указать причину.</translation>
    </message>
</context>
<context>
    <name>editor</name>
    <message>
        <source>two-letter code, e.g. KZ</source>
        <translation type="vanished">двухбуквенный код, например KZ</translation>
    </message>
</context>
<context>
    <name>fields</name>
    <message>
        <location filename="../../gui/forms/fields.py" line="312"/>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <location filename="../../gui/forms/fields.py" line="313"/>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <location filename="../../gui/forms/fields.py" line="315"/>
        <source>unknown</source>
        <translation>неизвестно</translation>
    </message>
    <message>
        <location filename="../../gui/forms/fields.py" line="442"/>
        <source>is required</source>
        <translation>обязательное поле</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Jurisdiction</source>
        <translation>Юрисдикция</translation>
    </message>
    <message>
        <source>ISO 3166 code, e.g. KZ</source>
        <translation>код ISO 3166, например KZ</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Приоритет</translation>
    </message>
    <message>
        <source>low</source>
        <translation>низкий</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>обычный</translation>
    </message>
    <message>
        <source>high</source>
        <translation>высокий</translation>
    </message>
    <message>
        <source>urgent</source>
        <translation>срочный</translation>
    </message>
    <message>
        <source>Hearing date</source>
        <translation>Дата судебного заседания</translation>
    </message>
    <message>
        <source>Hearing reference</source>
        <translation>Номер дела в суде</translation>
    </message>
    <message>
        <source>Legal deadline</source>
        <translation>Процессуальный срок</translation>
    </message>
    <message>
        <source>Declaration number</source>
        <translation>Номер декларации</translation>
    </message>
    <message>
        <source>Shipment reference</source>
        <translation>Номер партии</translation>
    </message>
    <message>
        <source>Border post</source>
        <translation>Пункт пропуска</translation>
    </message>
    <message>
        <source>Origin hub</source>
        <translation>Пункт отправления</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>Перевозчик</translation>
    </message>
    <message>
        <source>Transport id</source>
        <translation>Номер транспорта</translation>
    </message>
    <message>
        <source>truck plate, wagon or vessel</source>
        <translation>госномер грузовика, номер вагона или название судна</translation>
    </message>
    <message>
        <source>Departure date</source>
        <translation>Дата отправления</translation>
    </message>
    <message>
        <source>Arrival date</source>
        <translation>Дата прибытия</translation>
    </message>
    <message>
        <source>Declaration date</source>
        <translation>Дата декларации</translation>
    </message>
    <message>
        <source>VIN</source>
        <translation>VIN</translation>
    </message>
    <message>
        <source>Make</source>
        <translation>Марка</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Модель</translation>
    </message>
    <message>
        <source>Model year</source>
        <translation>Модельный год</translation>
    </message>
    <message>
        <source>Fuel type</source>
        <translation>Вид топлива</translation>
    </message>
    <message>
        <source>petrol</source>
        <translation>бензин</translation>
    </message>
    <message>
        <source>diesel</source>
        <translation>дизельное топливо</translation>
    </message>
    <message>
        <source>hybrid</source>
        <translation>гибрид</translation>
    </message>
    <message>
        <source>phev</source>
        <translation>подключаемый гибрид</translation>
    </message>
    <message>
        <source>ev</source>
        <translation>электромобиль</translation>
    </message>
    <message>
        <source>Engine, cc</source>
        <translation>Объём двигателя, см³</translation>
    </message>
    <message>
        <source>Power, hp</source>
        <translation>Мощность, л. с.</translation>
    </message>
    <message>
        <source>Production date</source>
        <translation>Дата производства</translation>
    </message>
    <message>
        <source>First registration (China)</source>
        <translation>Дата первой регистрации (Китай)</translation>
    </message>
    <message>
        <source>Deregistration for export</source>
        <translation>Снятие с учёта для экспорта</translation>
    </message>
    <message>
        <source>Export licence application</source>
        <translation>Заявка на экспортную лицензию</translation>
    </message>
    <message>
        <source>Export declaration</source>
        <translation>Экспортная декларация</translation>
    </message>
    <message>
        <source>Import declaration</source>
        <translation>Импортная декларация</translation>
    </message>
    <message>
        <source>Odometer, km</source>
        <translation>Пробег, км</translation>
    </message>
    <message>
        <source>&apos;12 mi&apos; is converted</source>
        <translation>«12 mi» (мили) пересчитываются в километры</translation>
    </message>
    <message>
        <source>Declared condition</source>
        <translation>Заявленное состояние</translation>
    </message>
    <message>
        <source>new</source>
        <translation>новое</translation>
    </message>
    <message>
        <source>used</source>
        <translation>бывшее в употреблении</translation>
    </message>
    <message>
        <source>Declared value</source>
        <translation>Заявленная таможенная стоимость</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Валюта</translation>
    </message>
    <message>
        <source>Reference price</source>
        <translation>Справочная цена</translation>
    </message>
    <message>
        <source>Registered owner (China)</source>
        <translation>Зарегистрированный владелец (Китай)</translation>
    </message>
    <message>
        <source>Registered owner type</source>
        <translation>Тип владельца</translation>
    </message>
    <message>
        <source>legal entity</source>
        <translation>юридическое лицо</translation>
    </message>
    <message>
        <source>individual</source>
        <translation>физическое лицо</translation>
    </message>
    <message>
        <source>Exporter</source>
        <translation>Экспортёр</translation>
    </message>
    <message>
        <source>Importer</source>
        <translation>Импортёр</translation>
    </message>
    <message>
        <source>Declarant</source>
        <translation>Декларант</translation>
    </message>
    <message>
        <source>Importer type</source>
        <translation>Тип импортёра</translation>
    </message>
    <message>
        <source>Destination country</source>
        <translation>Страна назначения</translation>
    </message>
    <message>
        <source>Manufacturer letter</source>
        <translation>Письмо производителя</translation>
    </message>
    <message>
        <source>Letter issuer</source>
        <translation>Кем выдано письмо</translation>
    </message>
    <message>
        <source>Conformity document</source>
        <translation>Документ о соответствии</translation>
    </message>
    <message>
        <source>OTTS</source>
        <translation>ОТТС</translation>
    </message>
    <message>
        <source>SBKTS</source>
        <translation>СБКТС</translation>
    </message>
    <message>
        <source>EU</source>
        <translation>ЕС</translation>
    </message>
    <message>
        <source>GCC</source>
        <translation>GCC</translation>
    </message>
    <message>
        <source>SASO</source>
        <translation>SASO</translation>
    </message>
    <message>
        <source>FMVSS</source>
        <translation>FMVSS</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Conformity holder</source>
        <translation>Держатель документа о соответствии</translation>
    </message>
    <message>
        <source>Preferential fee claimed</source>
        <translation>Заявлена льготная ставка утильсбора</translation>
    </message>
    <message>
        <location filename="../../gui/forms/case.py" line="25"/>
        <source>two-letter code, e.g. KZ</source>
        <translation>двухбуквенный код, например KZ</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../gui/labels.py" line="18"/>
        <source>draft</source>
        <translation>черновик</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="19"/>
        <source>open</source>
        <translation>открыто</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="20"/>
        <source>under review</source>
        <translation>на рассмотрении</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="21"/>
        <source>ready for hearing</source>
        <translation>готово к заседанию</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="22"/>
        <source>closed</source>
        <translation>закрыто</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="25"/>
        <source>low</source>
        <translation>низкий</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="26"/>
        <source>normal</source>
        <translation>обычный</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="27"/>
        <source>high</source>
        <translation>высокий</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="28"/>
        <source>urgent</source>
        <translation>срочный</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="38"/>
        <source>never classified</source>
        <extracomment>Why a vehicle&apos;s findings are out of date (``core.services.staleness.StaleReason`` values).</extracomment>
        <translation>правила ещё не применялись</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="39"/>
        <source>facts changed</source>
        <translation>изменились сведения</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="40"/>
        <source>the case&apos;s jurisdiction changed</source>
        <translation>изменилась юрисдикция дела</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="41"/>
        <source>other rule pack versions in force</source>
        <translation>действуют другие версии пакетов правил</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="42"/>
        <source>reference data changed</source>
        <translation>изменились справочные данные</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="43"/>
        <source>the VIN&apos;s duplicates in the store changed</source>
        <translation>изменились повторы этого VIN в базе</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="46"/>
        <source>registrations in its shipment changed</source>
        <translation>изменились регистрации в его партии</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="49"/>
        <source>classified by another engine version</source>
        <translation>проверено другой версией движка правил</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="50"/>
        <source>classified with only some rule packs</source>
        <translation>проверено только частью пакетов правил</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="54"/>
        <source>unreadable: the fact is unknown</source>
        <extracomment>Why a declared text is kept (``core.domain.declared_text.Issue`` values).</extracomment>
        <translation>не прочитано: сведение неизвестно</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="55"/>
        <source>ambiguous number</source>
        <translation>неоднозначное число</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="56"/>
        <source>corrected before the import</source>
        <translation>исправлено перед импортом</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="57"/>
        <source>date out of order</source>
        <translation>даты в неверном порядке</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="60"/>
        <source>created</source>
        <translation>создано</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="61"/>
        <source>changed</source>
        <translation>изменено</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="62"/>
        <source>deleted</source>
        <translation>удалено</translation>
    </message>
    <message>
        <source>medium</source>
        <translation type="vanished">средний</translation>
    </message>
    <message>
        <source>info</source>
        <translation type="vanished">для сведения</translation>
    </message>
</context>
<context>
    <name>severity</name>
    <message>
        <location filename="../../gui/labels.py" line="32"/>
        <source>high</source>
        <extracomment>A context of their own: &quot;high&quot; is a priority and a severity, with different Russian forms.</extracomment>
        <translation>высокий</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="33"/>
        <source>medium</source>
        <translation>средний</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="34"/>
        <source>info</source>
        <translation>для сведения</translation>
    </message>
</context>
</TS>
