# Hookbot — русский. Ключи те же, что в en.ftl.
# HTML для Telegram: теги должны быть сбалансированы. Значения экранирует код.
# Ключи cmd-, btn- и callback- — простой текст (меню, кнопки, всплывающие ответы), без тегов.

## Пересланные оповещения TradingView (src/services/alerts/formatAlert.ts)
alert-title = 📈 <b>Оповещение TradingView</b>
alert-action = Действие: <b>{ $action }</b>
alert-symbol = Инструмент: <b>{ $symbol }</b>
alert-price = Цена: <code>{ $price }</code>
alert-no-symbol = (не указан)
alert-extra = Другие поля:
alert-extra-field = • <b>{ $key }</b>: { $value }
alert-text = Сообщение:
alert-duplicate-dropped =
    ⚠️ <b>Запрос на ваш URL { $provider } отброшен как повтор</b> полученного ранее и не обработан.
    Оповещение TradingView считается тем же, если его <code>id</code>, инструмент и действие совпадают с предыдущим (без <code>id</code> — тот же текст в течение { $window } с). Если отброшены разные оповещения, задайте каждому свой <code>id</code>, например <code>{ $example }</code>.
    Следующие повторы на этом URL в ближайшие { $minutes } мин будут отброшены без сообщения.
action-buy = 🟢 ПОКУПКА
action-sell = 🔴 ПРОДАЖА
action-long = 🟢 ЛОНГ
action-short = 🔴 ШОРТ
action-close = ⚪ ЗАКРЫТИЕ
action-exit = ⚪ ВЫХОД
action-stop = 🛑 СТОП
action-cancel = 🚫 ОТМЕНА

## Отправляются через outbox, когда администратор меняет статус пользователя
account-deactivated-notice = ⛔ Администратор деактивировал ваш аккаунт Hookbot. Ваши webhook-ссылки теперь отвечают 403, и всё, что на них приходит, не обрабатывается. Если вы считаете, что это ошибка, свяжитесь с администратором.
account-activated-notice = ✅ Ваш аккаунт Hookbot снова активен. Webhook-ссылки работают как прежде.

## Общие ответы
error-generic = ⚠️ Что-то пошло не так на нашей стороне. Попробуйте ещё раз чуть позже.
need-start = 👋 Сначала отправьте /start, чтобы зарегистрироваться.
account-inactive =
    ⛔ <b>Администратор деактивировал ваш аккаунт.</b>
    Ваши webhook-ссылки отвечают 403, и всё, что на них приходит, не обрабатывается.
    Если вы считаете, что это ошибка, свяжитесь с администратором.
admins-only = 🔒 Эта команда доступна только администраторам.
unknown-command = 🤔 Я не знаю такой команды. Отправьте /help, чтобы узнать, что я умею.

## Всплывающие ответы на кнопки (простой текст, не длиннее 200 символов)
callback-need-start = Сначала отправьте /start, чтобы зарегистрироваться.
callback-inactive = Администратор деактивировал ваш аккаунт. Свяжитесь с администратором.
callback-admins-only = Эта кнопка доступна только администраторам.
callback-error = Что-то пошло не так. Попробуйте ещё раз.
callback-url-rotated = Новая ссылка создана.

## Меню команд (простой текст, не длиннее 256 символов)
cmd-start = Регистрация и начало работы
cmd-url = Ваша личная webhook-ссылка
cmd-template = Как выглядят сигналы, пересланные в чат
cmd-lang = Сменить язык
cmd-help = Что я умею
cmd-users = Список пользователей (админ)
cmd-user = Данные пользователя (админ)
cmd-activate = Активировать пользователя (админ)
cmd-deactivate = Деактивировать пользователя (админ)
cmd-stats = Состояние системы (админ)

## /start
start-welcome-new =
    👋 Добро пожаловать в Hookbot, <b>{ $name }</b>!

    Я доставляю ваши оповещения TradingView в этот чат. Отправьте /url, чтобы получить личную webhook-ссылку, и вставьте её в свои оповещения в TradingView.

    Отправьте /help, чтобы узнать всё, что я умею.
start-welcome-back =
    👋 С возвращением, <b>{ $name }</b>! Ваш профиль обновлён.

    Отправьте /url, чтобы посмотреть свою webhook-ссылку, или /help — чтобы узнать всё, что я умею.
start-pending =
    ⏳ <b>Ваш аккаунт ещё не активирован.</b>
    Оповещения начнут приходить, когда его активирует администратор; до тех пор ваши webhook-ссылки отвечают 403.

## /url
url-message =
    🔗 <b>Ваша личная webhook-ссылка для TradingView</b>
    <code>{ $url }</code>

    Та же ссылка в совместимом формате, для старых настроек:
    <code>{ $legacyUrl }</code>

    <b>Как подключить</b>
    1. В TradingView создайте или измените оповещение и откройте вкладку <b>Уведомления</b>.
    2. Включите <b>URL вебхука</b> и вставьте ссылку выше.
    3. В поле <b>Сообщение</b> укажите данные оповещения, например:
    <code>{ $example }</code>

    🔒 Держите ссылку в секрете: любой, у кого она есть, может отправлять оповещения в этот чат. Если она попала в чужие руки, нажмите <b>Новая ссылка</b>.
btn-new-url = 🔄 Новая ссылка
template-default = 📝 Пересланные сигналы выглядят по умолчанию.
template-current = 📝 Ваш шаблон для пересланных сигналов:
    <code>{ $template }</code>
template-usage =
    Задайте его командой /template и текстом, например:
    <code>{ $example }</code>
    Поля: { $fields } и любое другое поле вашего JSON-сигнала по имени. Отсутствующее поле остаётся пустым. Только текст (без HTML), не более { $max } символов. <code>/template off</code> возвращает вид по умолчанию.
template-saved = ✅ Шаблон сохранён. Сигналы с вашего URL TradingView теперь выглядят так.
template-reset = ✅ Снова вид по умолчанию.
template-invalid = ❓ Шаблон не сохранён: { $error }.
template-preview = 👁 Как выглядит ваш последний сигнал (#{ $id }):
template-no-alert = 👁 На ваш URL ещё не приходили сигналы, показать пока нечего.
url-rotate-confirm =
    ⚠️ <b>Заменить webhook-ссылку?</b>
    Текущая ссылка сразу перестанет работать. Новую придётся вставить во все оповещения TradingView, которые используют старую.
btn-rotate-yes = ✅ Да, заменить
btn-rotate-no = ✖️ Отмена
url-rotated = ✅ <b>Webhook-ссылка заменена.</b> Старая больше не работает.
url-public-url-warning =
    ⚠️ <b>Только для администраторов:</b> TradingView не сможет обратиться по этим ссылкам:
    { $reasons }
    Укажите в <code>PUBLIC_URL</code> публичный https-адрес этого сервера (порт 443 или 80) и перезапустите Hookbot.
public-url-reason-unset = • PUBLIC_URL не задан, поэтому ссылки ведут на localhost
public-url-reason-loopback = • ссылки ведут на этот же компьютер (localhost)
public-url-reason-private = • ссылки ведут на частный адрес или адрес локальной сети
public-url-reason-link-local = • ссылки ведут на link-local-адрес
public-url-reason-port = • TradingView отправляет запросы только на порты 80 и 443
public-url-reason-plain-http = • ссылки используют обычный http, и их секрет передаётся без шифрования

## /lang (lang-name — название языка на нём самом, для его кнопки)
lang-name = Русский
lang-choose = 🌐 Выберите язык:
lang-saved = ✅ Готово: теперь я говорю по-русски.
lang-saved-unregistered = ✅ Буду говорить по-русски. Отправьте /start, чтобы зарегистрироваться.

## /help
help-text =
    ℹ️ <b>Hookbot</b> доставляет оповещения TradingView в этот чат.

    <b>Команды</b>
    /start — регистрация или обновление профиля
    /url — ваша личная webhook-ссылка и кнопка для её замены
    /lang — сменить язык
    /help — эта справка

    <b>Оповещения</b>
    Отправляйте оповещения на свою ссылку из TradingView (или из любого сервиса, который умеет делать HTTP POST) — либо в формате JSON с полями <code>symbol</code>, <code>action</code>, <code>price</code> и необязательным <code>id</code>:
    <code>{ $example }</code>
    либо обычным текстом, например <code>buy BTCUSDT @ 50000</code>.
    В каждом оповещении должно быть одно из действий: <code>buy</code>, <code>sell</code>, <code>long</code>, <code>short</code>, <code>close</code>, <code>exit</code>, <code>stop</code>. Остальные поля JSON показываются вместе с оповещением.

    <b>Повторы</b>
    Оповещение с уже полученным <code>id</code> игнорируется. Если <code>id</code> нет, точно такое же оповещение, присланное повторно в течение { $window ->
        [one] { $window } секунды
       *[other] { $window } секунд
    }, тоже игнорируется (TradingView повторяет неудачные отправки).

    ⛔ Если администратор деактивирует ваш аккаунт, ваши ссылки отвечают 403 и оповещения не доставляются.
help-admin =
    <b>Команды администратора</b>
    /users — список пользователей, по 10 на странице
    /user &lt;telegram_id&gt; — данные одного пользователя
    /activate &lt;telegram_id&gt; — активировать пользователя (он получит уведомление)
    /deactivate &lt;telegram_id&gt; — деактивировать пользователя: его ссылки будут отвечать 403 (он получит уведомление)
    /stats — пользователи, события за сегодня, очереди, сбои за последний час

## Администратор: /users, /user, /activate, /deactivate
## Admin: /stats
stats-title = 📊 <b>Hookbot сейчас</b>
stats-users = 👥 Пользователи: { $total } · активны { $active } · неактивны { $inactive } · заблокировали бота { $blocked }
stats-events-title = 📥 <b>События за сегодня</b> (провайдер · статус)
stats-events-none = 📥 Сегодня событий нет.
stats-queues-title = 📦 <b>В очередях</b> (записей · старейшая)
stats-failures-title = ⚠️ <b>Сбои за последний час</b>
stats-line = • <code>{ $name }</code>: { $count }
stats-queue-line = • <code>{ $name }</code>: { $count } · { $seconds } с

users-title = 👥 <b>Пользователи</b>: { $total } · страница { $page } из { $pages }
users-empty = 👥 Пользователей пока нет.
users-line = <code>{ $id }</code> { $name } · { $language } · { $status }{ $blocked }
status-active = ✅ активен
status-inactive = ⛔ неактивен
status-blocked = 🚫
btn-prev = ◀️ Назад
btn-next = Вперёд ▶️
user-usage = Использование: <code>/user &lt;telegram_id&gt;</code>, например <code>/user 123456789</code>
activate-usage = Использование: <code>/activate &lt;telegram_id&gt;</code>, например <code>/activate 123456789</code>
deactivate-usage = Использование: <code>/deactivate &lt;telegram_id&gt;</code>, например <code>/deactivate 123456789</code>
user-not-found = ❓ Пользователя с Telegram ID <code>{ $id }</code> нет. Сначала он должен отправить боту /start.
user-details =
    👤 <b>{ $name }</b>
    Telegram ID: <code>{ $id }</code>
    Зарегистрирован: { $registered }
    Язык: { $language }
    Статус: { $status }
    Заблокировал бота: { $blocked }
user-blocked-yes = 🚫 да, с { $date }
user-blocked-no = нет
activate-done = ✅ <b>{ $name }</b> (<code>{ $id }</code>) снова активен. Его webhook-ссылки работают, уведомление отправлено.
deactivate-done = ⛔ <b>{ $name }</b> (<code>{ $id }</code>) деактивирован. Его webhook-ссылки теперь отвечают 403, уведомление отправлено.
activate-already = ℹ️ <b>{ $name }</b> (<code>{ $id }</code>) уже активен. Ничего не изменилось.
deactivate-already = ℹ️ <b>{ $name }</b> (<code>{ $id }</code>) уже деактивирован. Ничего не изменилось.
prompt-cancelled = ✖️ Отменено. Ничего не сохранено.

## FAL AI: /fal и результаты задач FAL (src/services/fal/relayFal.ts)
cmd-fal = Ваша webhook-ссылка для FAL AI
help-fal =
    <b>FAL AI</b>
    /fal — ваша webhook-ссылка для FAL AI и кнопка, чтобы заменить её. Отправляйте задачи FAL с этой ссылкой: их изображения или описание ошибки придут в этот чат.
fal-url-message =
    🎨 <b>Ваша личная webhook-ссылка для FAL AI</b>
    <code>{ $url }</code>

    <b>Как пользоваться</b>
    Отправляйте задачи в очередь FAL с этой ссылкой в качестве webhook. Когда задача завершится, её изображения (или ошибка) придут в этот чат.
    • JavaScript (<code>@fal-ai/client</code>): передайте ссылку как <code>webhookUrl</code> в <code>fal.queue.submit</code>.
    • Python (<code>fal_client</code>): передайте её как <code>webhook_url</code> в <code>submit</code>.
    • HTTP: добавьте ссылку в закодированном виде как <code>fal_webhook</code> к запросу в очередь:
    <code>https://queue.fal.run/fal-ai/flux/dev?fal_webhook={ $encodedUrl }</code>

    <b>Метки</b>
    Чтобы различать задачи, добавьте к ссылке задачи <code>?label=</code> и короткое имя; метка будет показана вместе с результатом:
    <code>{ $labelUrl }</code>

    🔒 Каждая доставка проверяется по подписи FAL, но всё же держите ссылку в секрете. Если она утекла, нажмите <b>Новая ссылка</b>.
fal-rotate-confirm =
    ⚠️ <b>Заменить webhook-ссылку для FAL?</b>
    Текущая ссылка сразу перестанет работать: о задачах, уже отправленных с ней, вы здесь не узнаете.
fal-url-rotated = ✅ <b>Webhook-ссылка для FAL заменена.</b> Старая больше не работает.
fal-title-ok = ✅ <b>Задача FAL выполнена</b>
fal-title-error = ❌ <b>Задача FAL завершилась ошибкой</b>
fal-title-payload-error = ⚠️ <b>Задача FAL выполнена, но результат не удалось передать</b>
fal-label = Метка: <b>{ $label }</b>
fal-request = Запрос: <code>{ $id }</code>
fal-seed = Seed: <code>{ $seed }</code>
fal-prompt = Промпт: <i>{ $prompt }</i>
fal-images = { $count ->
        [one] { $count } изображение
        [few] { $count } изображения
       *[other] { $count } изображений
    }
fal-image-name = изображение { $count }
fal-field = • <b>{ $key }</b>: { $value }
fal-more-fields = … и ещё полей: { $count }
fal-empty-result = Задача вернула пустой результат.
fal-files = Файлы:
fal-file = • { $link }
fal-error = Ошибка: { $error }
fal-error-unknown = FAL не сообщил, что пошло не так.
fal-error-details = Что не понравилось FAL:
fal-error-field = • <b>{ $field }</b>: { $message }
fal-error-line = • { $message }
fal-why-input = Проще говоря: модель не приняла входные данные. Сверьте поля ниже с документацией модели.
fal-why-auth = Проще говоря: FAL не принял учётные данные. Проверьте ключ FAL и его права.
fal-why-busy = Проще говоря: FAL перегружен или ваш аккаунт упёрся в лимит. Отправьте задачу ещё раз чуть позже.
fal-why-timeout = Проще говоря: задача выполнялась слишком долго и была остановлена.
fal-why-server = Проще говоря: сбой на стороне FAL. Обычно помогает отправить задачу ещё раз.
fal-payload-error =
    FAL не смог приложить результат: { $error }
    Получите его через API очереди FAL по идентификатору запроса выше.

## Задача #5: WhatsApp (Green API) и Avito
cmd-connect = Подключить WhatsApp или Avito
cmd-disconnect = Отключить WhatsApp или Avito
cmd-whatsapp = Статус и адрес WhatsApp
cmd-avito = Статус и адрес Avito
help-messengers =
    <b>WhatsApp и Avito</b>
    /connect whatsapp — подключить инстанс Green API: его сообщения будут приходить сюда
    /connect avito — подключить аккаунт Avito: его чаты будут приходить сюда
    /disconnect whatsapp, /disconnect avito — прекратить пересылку и убрать вебхук
    /whatsapp, /avito — статус, личный адрес и кнопка для его замены
    Ответьте на пересланное сообщение, чтобы ответить отправителю.
    /route whatsapp, /route avito — в группе, куда вы меня добавили: сообщения приходят туда, по теме на клиента в группе с темами
    /answerers — кто в этой группе может отвечать клиентам
    /q — быстрые ответы: сохранённые ответы клиенту одним нажатием (<code>/q help</code>)
connect-usage = Что подключить? Или отправьте <code>/connect whatsapp</code> или <code>/connect avito</code>.
disconnect-usage = Использование: <code>/disconnect whatsapp</code> или <code>/disconnect avito</code>
cmd-route = Отправлять сообщения WhatsApp или Avito в группу
cmd-answerers = Кто в группе может отвечать клиентам
team-route-usage = Использование, в группе: <code>/route whatsapp</code> или <code>/route avito</code>; <code>/route whatsapp off</code> вернёт сообщения в ваш личный чат.
team-route-in-group = ℹ️ Добавьте меня в группу администратором (с правом «Управление темами», если в ней есть темы), затем отправьте там <code>{ $command }</code>. Сообщения { $service } будут приходить в эту группу, а не сюда.
team-route-off = ✅ Сообщения { $service } снова приходят в ваш личный чат.
team-route-was-private = ℹ️ Сообщения { $service } и так приходят в ваш личный чат.
team-route-lost = ⚠️ Меня удалили из группы, куда приходили сообщения { $service }, поэтому они снова приходят сюда, включая ожидавшие. Добавьте меня обратно администратором и отправьте там /route, чтобы перенести их снова.
team-route-missing-rights =
    ❌ Сообщения { $service } пока не могут приходить сюда. Сделайте меня администратором этой группы с правами:
    { $rights }
    Затем отправьте команду ещё раз.
team-right-admin = права администратора (бот без них не видит сообщений команды)
team-right-topics = «Управление темами» (чтобы открывать тему для каждого клиента)
team-route-done = ✅ Сообщения { $service } теперь приходят в эту группу, { $where }.
team-route-done-forum = по теме на клиента: пишите в тему клиента, чтобы ответить ему
team-route-done-group = каждое отдельным сообщением: ответьте на него, чтобы ответить клиенту
team-answerers-all = Отвечать клиентам может любой участник группы.
team-answerers-owner = Отвечать клиентам можете только вы. Ответьте на сообщение участника командой <code>/answerers …  add</code>, чтобы разрешить ему.
team-answerers-list = Отвечать клиентам можете вы и эти участники: { $ids }.
team-answerers-usage = Использование, в группе: <code>/answerers whatsapp all</code> (все участники), <code>only</code> (только вы) или ответом на сообщение участника <code>add</code> либо <code>remove</code>.
team-answerers-not-here = ℹ️ { $service } не направлен в этот чат. Сначала отправьте <code>{ $command }</code> в группе.
team-answerers-reply-needed = ℹ️ Отправьте <code>{ $command }</code> ответом на сообщение этого участника.
team-not-allowed = ⛔ Вам нельзя отвечать клиентам { $service } здесь. Попросите владельца разрешить (<code>/answerers</code>).
team-reply-sent = ✅ Отправлено в { $service } · { $name }
cmd-notify = Сообщения WhatsApp и Avito: со звуком, без звука или на паузе
cmd-quiet = Тихие часы для сообщений WhatsApp или Avito
notify-usage =
    <b>Уведомления</b>
    <code>/notify whatsapp loud</code> — со звуком
    <code>/notify whatsapp silent</code> — без звука
    <code>/notify whatsapp pause</code> — придержать; <code>resume</code> доставит все по порядку
    <code>/quiet whatsapp 22:00-08:00 Europe/Moscow</code> — без звука ночью по вашему часовому поясу; <code>/quiet whatsapp off</code>
    То же с <code>avito</code>.
notify-status = { $service }: { $mode }; { $quiet }
notify-mode-loud = 🔔 со звуком
notify-mode-silent = 🔕 без звука
notify-mode-paused = ⏸ на паузе
notify-quiet = тихие часы { $hours } ({ $zone })
notify-quiet-none = без тихих часов
notify-set = ✅ Сообщения { $service }: { $mode }.
notify-resumed = ▶️ Придержанные сообщения ({ $count }) уже в пути, в том порядке, в каком пришли.
quiet-usage = Использование: <code>/quiet whatsapp 22:00-08:00 Europe/Moscow</code> (часовой пояс необязателен, по умолчанию UTC) или <code>/quiet whatsapp off</code>; то же с <code>avito</code>.
quiet-set = ✅ Сообщения { $service } приходят без звука с { $hours } ({ $zone }).
quiet-off = ✅ Тихих часов для { $service } больше нет.
quiet-bad-zone = ❌ Неизвестный часовой пояс { $zone }. Укажите, например, <code>Europe/Moscow</code>, <code>Asia/Dubai</code> или <code>UTC</code>.
wa-ask-instance =
    🟢 <b>Подключение WhatsApp (Green API)</b>
    Шаг 1 из 3: отправьте <b>idInstance</b> вашего инстанса (число из console.green-api.com). Отправьте /cancel, чтобы прервать.
wa-bad-instance = ❌ idInstance — это число, например <code>1101000001</code>. Отправьте его ещё раз или /cancel.
wa-ask-token = Шаг 2 из 3: отправьте <b>apiTokenInstance</b>. Я удалю ваше сообщение сразу после прочтения и сохраню токен в зашифрованном виде.
wa-bad-token-format = ❌ Это не похоже на apiTokenInstance (буквы и цифры, обычно 50 символов). Отправьте ещё раз или /cancel.
wa-ask-url = Шаг 3 из 3: отправьте <b>apiUrl</b> инстанса из консоли (например, <code>https://1101.api.green-api.com</code>) или <code>-</code>, чтобы использовать <code>{ $url }</code>.
wa-bad-url = ❌ Отправьте адрес, начинающийся с https://, или <code>-</code> для адреса по умолчанию.
wa-checking = ⏳ Проверяю инстанс и настраиваю вебхук…
wa-connected =
    ✅ <b>WhatsApp подключён</b> (инстанс <code>{ $instance }</code>, состояние: { $state }).
    Сообщения на этот номер теперь приходят сюда. Ответьте на любое из них, чтобы ответить в WhatsApp.
    Адрес вебхука: <code>{ $url }</code>
wa-not-authorized-hint = ⚠️ Телефон ещё не привязан (состояние: { $state }). Отсканируйте QR-код в консоли Green API; сообщения начнут приходить после привязки.
wa-error-unauthorized = ❌ Green API не принял этот idInstance и apiTokenInstance. Проверьте их в консоли и снова отправьте /connect whatsapp. Ничего не сохранено.
wa-error-not-found = ❌ Green API не знает инстанс <code>{ $instance }</code> по этому адресу API. Проверьте apiUrl в консоли и снова отправьте /connect whatsapp. Ничего не сохранено.
wa-error-unreachable = ❌ Не удалось связаться с Green API по адресу <code>{ $url }</code>. Попробуйте через несколько минут. Ничего не сохранено.
wa-error-rejected = ❌ Green API отклонил запрос: { $detail }. Ничего не сохранено.
wa-error-not-kept = ❌ Green API принял настройки вебхука, но не сохранил их (<code>{ $setting }</code> после 3 попыток осталось прежним). Подождите минуту и снова отправьте /connect whatsapp. Ничего не сохранено.
wa-disconnected = ✅ WhatsApp отключён. Вебхук в Green API убран.
wa-disconnected-not-cleared = ⚠️ WhatsApp отключён здесь, но связаться с Green API, чтобы убрать вебхук, не удалось: очистите webhookUrl в консоли Green API.
wa-not-connected = ℹ️ WhatsApp не подключён. Отправьте /connect whatsapp, чтобы подключить его.
wa-status =
    🟢 <b>WhatsApp</b>
    Инстанс: <code>{ $instance }</code>
    Состояние: { $state }
    Адрес вебхука: <code>{ $url }</code>
wa-rotate-failed = ⚠️ Новый адрес создан, но Green API его не принял ({ $detail }). Отправьте /connect whatsapp, чтобы настроить его заново.
wa-from = 💬 <b>WhatsApp</b> · { $name } · <code>{ $phone }</code>
wa-from-group = 💬 <b>WhatsApp</b> · { $name } · <code>{ $phone }</code> · { $chat }
wa-location = 📍 { $place }
wa-contact = 👤 Контакт: { $name }
wa-pending = ⏳ WhatsApp ещё не дал прочитать это сообщение («Ожидание сообщения»). Оно придёт сюда, когда станет доступно; если нет — попросите клиента отправить его снова.
wa-pending-arrived = ✅ Ожидавшееся сообщение пришло: оно ниже.
avito-ask-client-id =
    🟠 <b>Подключение Avito</b>
    Шаг 1 из 2: отправьте ваш <b>client_id</b> (Avito → профиль → интеграции API). Я удалю ваше сообщение сразу после прочтения. Отправьте /cancel, чтобы прервать.
avito-ask-client-secret = Шаг 2 из 2: отправьте ваш <b>client_secret</b>. Я удалю ваше сообщение сразу после прочтения и сохраню его в зашифрованном виде.
avito-bad-credential = ❌ Это не похоже на ключ Avito (буквы, цифры, - и _). Отправьте ещё раз или /cancel.
avito-checking = ⏳ Получаю токен, ищу ваш аккаунт и подписываю вебхук…
avito-connected =
    ✅ <b>Avito подключён</b> (аккаунт <code>{ $account }</code>). Вебхук подписан: ваши чаты приходят сюда. Ответьте на сообщение, чтобы ответить в Avito.
    Адрес вебхука: <code>{ $url }</code>
avito-connected-polling =
    ✅ <b>Avito подключён</b> (аккаунт <code>{ $account }</code>), но Avito не подтвердил вебхук. Вместо этого я проверяю ваши чаты каждые { $seconds } с и вернусь к вебхуку, как только он начнёт доставлять.
    Адрес вебхука: <code>{ $url }</code>
avito-error-unauthorized = ❌ Avito не принял этот client_id и client_secret. Проверьте их и снова отправьте /connect avito. Ничего не сохранено.
avito-error-unreachable = ❌ Не удалось связаться с Avito. Попробуйте через несколько минут. Ничего не сохранено.
avito-error-rejected = ❌ Avito отклонил запрос: { $detail }. Ничего не сохранено.
avito-disconnected = ✅ Avito отключён. Подписка на вебхук отменена.
avito-disconnected-not-unsubscribed = ⚠️ Avito отключён здесь, но связаться с Avito, чтобы отменить подписку, не удалось. Вебхук будет игнорироваться.
avito-not-connected = ℹ️ Avito не подключён. Отправьте /connect avito, чтобы подключить его.
avito-status =
    🟠 <b>Avito</b>
    Аккаунт: <code>{ $account }</code>
    Вебхук: { $webhook }
    Сообщения приходят через: { $mode }
    Последнее сообщение: { $last }
    Адрес вебхука: <code>{ $url }</code>
avito-webhook-yes = ✅ подписан
avito-webhook-no = ❌ не подписан
avito-mode-push = вебхук (push)
avito-mode-polling = 🔄 опрос каждые { $seconds } с
avito-last-none = пока нет
avito-from = 🟠 <b>Avito</b> · чат <code>{ $chat }</code>
avito-location = 📍 { $place }
avito-item = 📦 { $item }
avito-other = ℹ️ Сообщение типа { $kind }: откройте Avito, чтобы его увидеть.
reply-sent = ✅ Отправлено в { $service }.
reply-sent-split = ✅ Отправлено в { $service } несколькими сообщениями ({ $parts }): в одном не больше 1000 символов.
reply-failed = ❌ Не отправлено в { $service }: { $reason }
reply-not-connected = ❌ Не отправлено: { $service } больше не подключён. Отправьте { $command }, чтобы подключить снова.
reply-text-only = ℹ️ Обратно можно отправить только текст, фото, документы, голосовые сообщения и видео.
reply-avito-photos-only = ❌ Не отправлено: Avito принимает только текст и фото. Ничего не отправлено.
reply-file-too-big = ❌ Не отправлено: файл весит { $size } МБ, а через бота проходит не больше { $limit } МБ. Ничего не отправлено.
reply-reason-unauthorized = сервис не принял сохранённые ключи; подключите его заново.
reply-reason-unreachable = не удалось связаться с сервисом. Попробуйте чуть позже.
avito-from-buyer = 🟠 <b>Avito</b> · { $name } · { $item }
btn-connect-whatsapp = WhatsApp (Green API)
btn-connect-avito = Avito
## Задача №3: торговля — /settings, /keys, /orders и итоги ордеров
cmd-settings = Настройки торговли: рынок, сумма, плечо, счёт
cmd-keys = Ваши API-ключи Bybit
cmd-orders = Последние сигналы и их ордера
cmd-events = Что пришло на ваши URL и что с этим стало
help-trading =
    <b>Торговля на Bybit</b>
    /settings — рынок, сумма, плечо, демо- или реальный счёт, символ по умолчанию, защиты (задержка сигнала, допуск цены, максимум ордера), расчёт размера, стоп-лосс и тейк-профиты по умолчанию, подтверждение
    /keys — API-ключи Bybit (демо и реальный отдельно); <code>/keys delete</code> удаляет их
    /orders — последние сигналы и что с ними стало
    /positions — открытые позиции: вход, маркировочная цена, размер, нереализованный PnL, кнопка «Закрыть»
    /balance — капитал, доступный баланс и монеты
    /pnl — реализованный PnL за сегодня, 7 и 30 дней, по символам, доля прибыльных
    /summary — ежедневная сводка в ваш час: <code>/summary 21 Europe/Moscow</code>, <code>/summary off</code>
    /events — всё, что пришло на ваши URL, и что с этим стало; кнопка повторяет событие (сделку — после подтверждения)
    /web — живой просмотр событий, ордеров и сборов, в браузере или внутри Telegram
    /template — вид пересланных в чат сигналов; <code>/template off</code> — по умолчанию
    С ключом для счёта, на котором вы торгуете, каждый сигнал становится ордером на Bybit, а сделка видна здесь на живой карточке. Поля сигнала: <code>amount</code>, <code>qty</code>, <code>leverage</code>, <code>market</code>, <code>timestamp</code>, <code>price</code> (дальше от рынка, чем ваш допуск, — отказ); <code>sl</code>, <code>tp</code> (цена, <code>"2%"</code> или лесенка <code>"1%:50% 3%:50%"</code>), <code>trailing</code>, <code>breakeven</code>; размер <code>equity</code>, <code>available</code>, <code>risk</code> (<code>"1%"</code>, нужен <code>sl</code>); <code>"type":"limit"</code> с <code>expiry</code>; <code>"confirm":true</code>; действие <code>cancel</code>; <code>"add":true</code> — добавить к позиции в ту же сторону (иначе отказ). Открывающий ордер дороже вашего максимума отклоняется; закрытие — никогда.
    Стандартное сообщение стратегии TradingView (<code>order buy @ 2 filled on ETHUSDT…</code>) распознаётся: число после @ — контракты, оно не используется.
trade-market-spot = Спот
trade-market-linear = Фьючерсы (бессрочные USDT)
trade-account-demo = Демо
trade-account-real = Реальный
trade-side-buy = Покупка
trade-side-sell = Продажа
trade-role-open = Открыто
trade-role-close = Закрыто
trade-price-unknown = по рынку
trade-order-line = • { $role }: { $side } <code>{ $qty }</code> { $symbol } по <code>{ $price }</code> · ID ордера <code>{ $orderId }</code>
trade-order-line-limit = • Лимит: { $side } <code>{ $qty }</code> { $symbol } по <code>{ $price }</code>, ждёт исполнения · ID ордера <code>{ $orderId }</code>
trade-leverage = Плечо: <b>{ $leverage }x</b>
trade-limit-expiry = ⏳ Будет отменён через { $minutes } мин, если не исполнится; вы получите сообщение.
trade-limit-expired = ⌛ <b>{ $symbol }</b>: лимитный ордер { $side } <code>{ $qty }</code> по <code>{ $price }</code> истёк через { $minutes } мин и отменён на Bybit (исполнено: <code>{ $value }</code>).
trade-protection-sl = 🛑 Стоп-лосс: <code>{ $price }</code>
trade-protection-tp = 🎯 Тейк-профит: <code>{ $price }</code>
trade-protection-tp-step = 🎯 Тейк-профит { $step }: <code>{ $qty }</code> по <code>{ $price }</code>
trade-protection-trailing = 〰️ Трейлинг-стоп: <code>{ $distance }</code> от цены
trade-protection-breakeven = ↔️ Стоп в безубыток (<code>{ $entry }</code>) после первого тейк-профита: записано; стоп переносится, когда Hookbot увидит исполнение этого тейк-профита.
trade-sizing-equity = 📐 Размер: { $percent } % капитала (<code>{ $balance }</code> USDT)
trade-sizing-available = 📐 Размер: { $percent } % доступного баланса (<code>{ $balance }</code> USDT)
trade-sizing-risk = 📐 Размер рассчитан на риск { $percent } % капитала (<code>{ $balance }</code> USDT) до стопа <code>{ $price }</code>
trade-placed-title = ✅ <b>{ $action } { $symbol }</b>: ордер размещён на Bybit ({ $market }, счёт { $account })
trade-failed-title = ❌ <b>{ $action } { $symbol }</b>: ордер не размещён ({ $market }, счёт { $account })
trade-unprotected-title = ⚠️ <b>{ $action } { $symbol }</b>: позиция открыта, но не все защитные ордера размещены ({ $market }, счёт { $account })
trade-expired-title = ⌛ <b>{ $action } { $symbol }</b>: сигнал отклонён как устаревший ({ $market }, счёт { $account })
trade-nothing-title = ℹ️ <b>{ $action } { $symbol }</b>: делать нечего ({ $market }, счёт { $account })
trade-cancelled-title = 🚫 <b>{ $action } { $symbol }</b>: отменено открытых ордеров на Bybit: { $count } ({ $market }, счёт { $account }). Позиция, её стоп-лосс и тейк-профиты не тронуты.
trade-confirm-card = ✋ <b>{ $action } { $symbol }</b> ({ $market }, счёт { $account }): разместить? Ничего не будет размещено, если не нажать «Выполнить» в течение { $seconds } с.
trade-confirm-executed = ▶️ <b>{ $action } { $symbol }</b>: выполняется, результат придёт следом.
trade-confirm-skipped = ⏭ <b>{ $action } { $symbol }</b>: пропущено, ничего не размещено.
trade-confirm-expired = ⌛ <b>{ $action } { $symbol }</b>: не подтверждено за { $seconds } с, поэтому ничего не размещено.
btn-trade-execute = ✅ Выполнить
btn-trade-skip = ⏭ Пропустить
callback-trade-executing = Выполняется.
callback-trade-skipped = Пропущено: ничего не размещено.
callback-trade-expired = Слишком поздно: карточка истекла, ничего не размещено.
callback-trade-decided = Уже выполнено: размещается только один раз.
callback-trade-missing = Эта карточка не ваша или больше не существует.
trade-partial = ⚠️ Эти ордера сигнала были размещены до остановки:
trade-retrying = ⏳ <b>{ $action } { $symbol }</b>: Bybit не отвечает. Повторяю до { $minutes } мин с тем же ID ордера, поэтому он никогда не будет размещён дважды. Итог придёт сюда.
trade-fill-title = ✅ <b>Исполнено</b>: { $side } <code>{ $qty }</code> { $symbol } по <code>{ $price }</code> ({ $market }, счёт { $account })
trade-fill-stop-loss = 🛑 <b>Сработал стоп-лосс</b>: { $side } <code>{ $qty }</code> { $symbol } по <code>{ $price }</code> ({ $market }, счёт { $account })
trade-fill-take-profit = 🎯 <b>Сработал тейк-профит</b>: { $side } <code>{ $qty }</code> { $symbol } по <code>{ $price }</code> ({ $market }, счёт { $account })
trade-fill-trailing-stop = 🛑 <b>Сработал трейлинг-стоп</b>: { $side } <code>{ $qty }</code> { $symbol } по <code>{ $price }</code> ({ $market }, счёт { $account })
trade-fill-fee = Комиссия: <code>{ $fee }</code> · ID ордера <code>{ $orderId }</code>
trade-fill-late = ⏱ Это произошло, пока связь с Bybit была прервана; данные запрошены сразу после её восстановления.
trade-card-timeline = 🕒 Получено { $received } · размещено { $placed }
trade-card-filled = • Исполнено <code>{ $qty }</code> по <code>{ $price }</code> (средняя)
trade-card-protection = • Тейк-профит <code>{ $tp }</code> · стоп-лосс <code>{ $sl }</code>
trade-card-stop-moved = • Стоп перенесён на <code>{ $price }</code>
trade-card-exit-take-profit = • 🎯 Сработал тейк-профит { $index }: <code>{ $qty }</code> по <code>{ $price }</code>
trade-card-exit-stop-loss = • 🛑 Сработал стоп-лосс: <code>{ $qty }</code> по <code>{ $price }</code>
trade-card-exit-trailing-stop = • 🛑 Сработал трейлинг-стоп: <code>{ $qty }</code> по <code>{ $price }</code>
trade-card-exit = • Закрыто <code>{ $qty }</code> по <code>{ $price }</code>
trade-card-fees = • Комиссии на сейчас: <code>{ $fees }</code> USDT
trade-card-closed = ✅ <b>Сделка закрыта.</b> Реализованный PnL: <code>{ $pnl }</code> USDT с учётом комиссий.
btn-card-close = ✖️ Закрыть позицию
btn-card-cancel = 🧹 Отменить ордера
callback-card-busy = Уже выполняется, минуту.
callback-card-closing = Позиция закрывается по рынку. Результат появится в этой карточке.
callback-card-nothing = По этому символу нет открытой позиции.
callback-card-cancelled = Отменено открытых ордеров по символу: { $count }.
callback-card-failed = Bybit отказал: { $problem }
callback-card-gone = Эта сделка закрыта.
trade-not-configured = 💡 Без сделки: добавьте API-ключ Bybit командой /keys, чтобы сигналы становились ордерами.
trade-reason-insufficient-balance = Недостаточно средств на Bybit для этого ордера. Пополните счёт или уменьшите сумму или плечо в /settings.
trade-reason-qty-too-small = Количество <code>{ $qty }</code> меньше минимума символа <code>{ $min }</code>. Увеличьте сумму (или плечо) в /settings.
trade-reason-qty-too-large = Количество <code>{ $qty }</code> больше максимума для рыночного ордера <code>{ $max }</code>. Уменьшите сумму в /settings.
trade-reason-qty-step = Количество <code>{ $qty }</code> не кратно шагу символа <code>{ $step }</code>. Возможно, Bybit изменил правила символа; следующий сигнал будет рассчитан по новым.
trade-reason-notional-too-small = Стоимость ордера <code>{ $value }</code> USDT меньше минимума символа <code>{ $min }</code> USDT. Увеличьте сумму в /settings.
trade-reason-amount-too-large = Сумма <code>{ $value }</code> USDT больше максимума символа <code>{ $max }</code> USDT. Уменьшите сумму в /settings.
trade-reason-nothing-to-sell = На счёте нет { $coin } для продажи.
trade-reason-insufficient-holding = Сигнал просит продать <code>{ $qty }</code> { $coin }, а на счёте только <code>{ $held }</code>.
trade-reason-invalid-key = Bybit не принял API-ключ или секрет. Проверьте их и введите снова через /keys.
trade-reason-key-expired = Срок действия API-ключа Bybit истёк. Создайте новый на Bybit и введите его через /keys.
trade-reason-permission-denied = API-ключу это не разрешено. На Bybit дайте ему права Orders и Positions (торговля контрактами/Unified и спот) и попробуйте снова.
trade-reason-ip-not-allowed = API-ключ ограничен другими IP-адресами, не адресом этого сервера. Добавьте IP сервера к ключу на Bybit.
trade-reason-unknown-symbol = На Bybit нет такого символа на этом рынке: { $detail }. Проверьте символ в сигнале или рынок в /settings.
trade-reason-symbol-not-trading = Символ сейчас не торгуется на Bybit (статус { $detail }).
trade-reason-timestamp = Bybit отклонил время запроса: часы этого сервера сбиты. Попросите администратора их синхронизировать.
trade-reason-leverage-invalid = Плечо { $value }x не разрешено для этого символа (максимум { $max }x). Измените его в /settings.
trade-reason-nothing-to-close = Нет открытой позиции для закрытия.
trade-reason-no-keys = Нет API-ключа Bybit для этого счёта. Добавьте его через /keys или смените счёт в /settings.
trade-reason-no-symbol = В сигнале нет символа, и символ по умолчанию не задан. Добавьте <code>symbol</code> в сигнал или задайте символ в /settings.
trade-reason-stale = Сигналу было { $value } с — больше вашего максимума { $max } с, поэтому сделки не было. Измените предел в /settings.
trade-reason-expired = Bybit был недоступен { $value } с, поэтому сигнал отменён, а не исполнен с опозданием. Ничего не размещено.
trade-reason-exchange-down = Bybit не ответил. Попробуйте через несколько минут.
trade-reason-exchange-error = Bybit отклонил ордер: { $detail }
trade-reason-key-read-only = API-ключ только для чтения и не может размещать ордера. Создайте ключ с правами на торговлю.
trade-reason-key-no-trade = У API-ключа нет права на торговлю. На Bybit разрешите ему Orders и Positions (или спотовую торговлю).
trade-reason-price-off-market = Цена в сигнале <code>{ $price }</code> отличается от рыночной <code>{ $marketPrice }</code> на { $deviation } % — больше вашего допуска { $tolerance } %, поэтому ордер по ней не рассчитывался. Проверьте поле <code>price</code> сигнала (это должна быть цена этого символа, например цена закрытия графика) или измените допуск в /settings.
trade-reason-order-value-too-large = Ордер стоил бы <code>{ $value }</code> USDT — больше вашего максимума <code>{ $max }</code> USDT на ордер, поэтому он не размещён. Уменьшите сумму, плечо или <code>qty</code> либо поднимите максимум в /settings.
trade-reason-strategy-partial-exit = Это стандартное сообщение стратегии TradingView о частичном выходе (новая позиция стратегии { $position }). Контракты из него не используются для расчёта, поэтому ничего не размещено. Чтобы закрыть часть позиции, отправьте JSON-сигнал с <code>qty</code>.
trade-reason-tp-wrong-side = Тейк-профит <code>{ $price }</code> не на стороне прибыли от цены входа <code>{ $marketPrice }</code> (выше неё для лонга, ниже для шорта), поэтому ничего не размещено. Проверьте <code>tp</code>.
trade-reason-sl-wrong-side = Стоп-лосс <code>{ $price }</code> не с той стороны от цены входа <code>{ $marketPrice }</code> (ниже неё для лонга, выше для шорта), поэтому ничего не размещено. Проверьте <code>sl</code>.
trade-reason-tp-rung-too-small = Шаг тейк-профита { $value } закрыл бы <code>{ $qty }</code> — меньше минимального количества символа <code>{ $min }</code>, поэтому ничего не размещено: ни позиция, ни шаги. Сделайте меньше шагов, крупнее доли или больше сумму.
trade-reason-trailing-too-small = Расстояние трейлинг-стопа <code>{ $value }</code> меньше шага цены символа <code>{ $step }</code>, поэтому ничего не размещено.
trade-reason-breakeven-needs-tp = Для переноса стопа в безубыток после первого тейк-профита нужен тейк-профит (<code>tp</code>), поэтому ничего не размещено.
trade-reason-spot-protection = На споте Bybit прикрепляет тейк-профит или стоп-лосс только к лимитным ордерам и не поддерживает лесенку тейк-профитов и трейлинг-стоп, поэтому эта рыночная покупка не размещена. Уберите <code>sl</code>, <code>tp</code>, <code>trailing</code> и <code>breakeven</code> из сигнала (или защиту по умолчанию в /settings) либо торгуйте фьючерсами.
trade-reason-protection-failed = Bybit отклонил защитный ордер: { $detail }. Позиция открыта: выставьте стоп-лосс или тейк-профит на Bybit сами или закройте её.
trade-reason-risk-needs-stop = Расчёт размера по риску ({ $value } % капитала до стопа) требует стоп-лосса: размер = капитал × риск % / |вход − стоп|. Добавьте <code>sl</code> в сигнал или стоп-лосс по умолчанию в /settings. На споте, где рыночный ордер не несёт стопа, задавайте размер суммой или % капитала. Ничего не размещено.
trade-reason-limit-protection = Лесенке тейк-профитов и трейлинг-стопу нужна открытая позиция, а лимитный ордер ею не станет, пока не исполнится, поэтому ничего не размещено. С лимитным ордером используйте один <code>sl</code> и <code>tp</code> или отправьте рыночный ордер.
trade-reason-nothing-to-cancel = Нет открытых ордеров по этому символу для отмены.
trade-reason-position-already-open = У вас уже есть позиция в эту сторону (<code>{ $qty }</code>): похоже на второй сигнал в том же направлении без закрытия между ними (пропущен сигнал закрытия или сигнал пришёл дважды), поэтому ничего не размещено. Чтобы намеренно добавить к позиции, отправьте сигнал с <code>"add": true</code>; если закрытие пропущено, сначала закройте позицию (кнопкой карточки или сигналом <code>close</code>).
reconcile-side-long = лонг
reconcile-side-short = шорт
reconcile-closed-outside = ⚠️ <b>{ $symbol }: ваш { $side } закрыт вне Hookbot</b> (в приложении или на сайте Bybit либо ликвидацией), а не сигналом и не стопом, выставленным Hookbot. Hookbot теперь считает позицию закрытой: следующий сигнал покупки или продажи откроет новую. Если это были не вы, проверьте аккаунт на Bybit.
reconcile-grew-outside = ⚠️ <b>{ $symbol }: ваш { $side } увеличен вне Hookbot</b> на <code>{ $qty }</code> (ордером, который Hookbot не размещал). Тейк-профиты и стоп Hookbot покрывают только то, что открыл он. Если это не задумано, уменьшите позицию на Bybit или закройте её кнопкой карточки.
reconcile-side-differs = ⚠️ <b>{ $symbol }: на Bybit { $actual } размером <code>{ $size }</code></b>, а ваш последний сигнал оставил { $expected }. Вероятно, сигнал был пропущен или позицию изменили вне Hookbot. Проверьте журнал алертов в TradingView и позицию на Bybit; Hookbot не добавит к позиции в ту же сторону, если в сигнале нет <code>"add": true</code>.
reconcile-missed-alert = ⚠️ <b>{ $symbol }: сигнал закрытия не нашёл позиции</b>, хотя ваш последний сигнал оставил { $side } открытым. Её закрыли вне Hookbot, пока он этого не видел, или промежуточный сигнал был пропущен. Проверьте журнал алертов в TradingView и позицию на Bybit; Hookbot теперь считает позицию закрытой.
trade-card-breakeven-failed = • ⚠️ Не удалось перенести стоп в безубыток: { $detail }. Прежний стоп остаётся; перенесите его в приложении Bybit, если нужно.
trade-order-cancelled-outside = 🚫 <b>Ордер отменён на Bybit</b>, не Hookbot: { $side } <code>{ $qty }</code> { $symbol } по <code>{ $price }</code> ({ $market }; исполнено <code>{ $filled }</code>; { $reason }; ID ордера <code>{ $orderId }</code>). Больше ничего не изменено; разместите его снова, если он ещё нужен.
trade-order-rejected-outside = 🚫 <b>Ордер отклонён Bybit</b>: { $side } <code>{ $qty }</code> { $symbol } по <code>{ $price }</code> ({ $market }; причина: { $reason }; ID ордера <code>{ $orderId }</code>). По нему ничего не размещено.
trade-note-strategy-default = ℹ️ Этот сигнал — стандартное сообщение стратегии TradingView: «@ { $contracts }» — число контрактов, а не цена, поэтому оно не использовалось. Размер ордера рассчитан по вашим /settings и рыночной цене. Для других размеров используйте JSON-сообщение с <code>amount</code> или <code>qty</code>.
keys-title = 🔑 <b>Ваши API-ключи Bybit</b>
keys-line = { $account }: <code>{ $key }</code> · сохранён { $date } · IP: { $ips }
keys-line-missing = { $account }: не задан
keys-ips-any = любой (без ограничения)
keys-help = Ключи проверяются на Bybit перед сохранением и хранятся в зашифрованном виде; показывается только замаскированный ключ. Создайте ключ на Bybit (управление API) с правами Orders и Positions; для демо-счёта создайте его в демо-торговле Bybit.
btn-keys-set = Добавить ключ: { $account }
btn-keys-replace = Заменить ключ: { $account }
btn-keys-delete = Удалить ключ: { $account }
keys-ask-key = 🔑 Отправьте <b>API-ключ</b> счёта Bybit ({ $account }). Я сразу удалю ваше сообщение. /cancel — отмена.
keys-ask-secret = 🔑 API-ключ <code>{ $key }</code> получен. Теперь отправьте <b>API-секрет</b>. Я сразу удалю ваше сообщение. /cancel — отмена.
keys-usage = Использование: <code>/keys</code>, <code>/keys demo</code>, <code>/keys real</code>, <code>/keys delete</code> или <code>/keys delete demo</code>
keys-deleted = 🗑 Удалено. Без ключа для вашего счёта сигналы не исполняются.
keys-none-deleted = ℹ️ Удалять было нечего.
callback-key-deleted = Ключ удалён.
keys-delete-yourself = ⚠️ Не удалось удалить ваше сообщение с секретом: удалите его сами.
keys-bad-format = ❓ Это не похоже на ключ или секрет Bybit (только латинские буквы и цифры). Отправьте снова или /cancel.
keys-refused = ❌ Ключ ({ $account }) не сохранён.
keys-try-again = Отправьте /keys, чтобы попробовать снова.
keys-saved = ✅ Ключ ({ $account }) <code>{ $key }</code> проверен на Bybit и сохранён (зашифрован).
keys-ip-restricted = 🔒 Он работает только с этих IP-адресов: { $ips }.
keys-ip-open = ⚠️ Он не ограничен по IP-адресу. Bybit отключает такие ключи через 90 дней; безопаснее ограничить его IP этого сервера.
keys-other-account = ℹ️ Сейчас вы торгуете на счёте «{ $account }»; смените счёт в /settings, чтобы использовать этот ключ.
settings-title = ⚙️ <b>Настройки торговли</b>
settings-market = Рынок: <b>{ $market }</b>
settings-amount = Сумма на сделку: <b>{ $amount } USDT</b>
settings-sizing = Размер ордера: <b>{ $sizing }</b>
settings-sizing-fixed = фиксированная сумма на сделку
settings-sizing-equity = { $percent } % капитала
settings-sizing-available = { $percent } % доступного баланса
settings-sizing-risk = риск { $percent } % капитала до стоп-лосса
settings-leverage = Плечо: <b>{ $leverage }x</b> (только фьючерсы)
settings-account = Счёт: <b>{ $account }</b>
settings-symbol = Символ по умолчанию: <b>{ $symbol }</b>
settings-lag = Максимальная задержка сигнала: <b>{ $lag }</b>
settings-tolerance = Допуск цены: <b>{ $tolerance }</b> (сигнал с ценой дальше от рынка отклоняется)
settings-max-value = Максимальная стоимость ордера: <b>{ $max }</b> (для открытия; закрытие не отклоняется никогда)
settings-protection = Защита: <b>{ $protection }</b> (стоп-лосс, тейк-профиты и трейлинг-стоп по умолчанию)
settings-confirm = Подтверждение перед размещением: <b>{ $state }</b> (карточка «Выполнить / Пропустить», { $seconds } с на решение)
settings-confirm-on = вкл.
settings-default-mark = (по умолчанию)
settings-none = нет
settings-off = выключена
settings-seconds = { $seconds } с
settings-spot-note = На споте покупка тратит сумму в USDT, а продажа продаёт имеющуюся монету.
settings-real-warning = ⚠️ Реальный счёт: сигналы торгуют настоящими деньгами.
settings-no-key = 🔑 Для счёта «{ $account }» пока нет API-ключа: добавьте его через /keys, иначе сигналы только показываются, но не исполняются.
btn-set-market = Переключить на: { $market }
btn-set-account = Переключить на: { $account }
btn-set-amount = Сумма
btn-set-leverage = Плечо
btn-set-symbol = Символ по умолчанию
btn-set-lag = Задержка сигнала
btn-set-tolerance = Допуск цены
btn-set-max-value = Макс. стоимость ордера
btn-set-protection = 🛡 Стоп-лосс / тейк-профит
btn-set-sizing = 📐 Размер ордера
btn-set-confirm-on = ✋ Подтверждать каждый сигнал
btn-set-confirm-off = ⚡ Размещать сигналы сразу
callback-saved = Сохранено.
settings-ask-amount = 💵 Отправьте сумму на сделку в USDT, например <code>25</code>. /cancel — отмена.
settings-ask-leverage = 📈 Отправьте плечо целым числом, например <code>5</code>. /cancel — отмена.
settings-ask-symbol = 🔤 Отправьте символ по умолчанию для сигналов без символа, например <code>BTCUSDT</code>, или <code>-</code>, чтобы убрать. /cancel — отмена.
settings-ask-lag = ⏱ Отправьте максимальный возраст сигнала в секундах (от 5 до 86400): более старые сигналы отклоняются, а не исполняются. Отправьте <code>off</code>, чтобы выключить. Используется поле <code>timestamp</code> сигнала, иначе время его получения. /cancel — отмена.
settings-ask-tolerance = 🎯 Отправьте допуск цены в процентах, например <code>3</code>: сигнал, чья <code>price</code> дальше от последней рыночной цены, отклоняется. Отправьте <code>default</code> для значения сервера. /cancel — отмена.
settings-ask-max-value = 🛡 Отправьте максимальную стоимость одного открывающего ордера в USDT, например <code>5000</code>. Отправьте <code>default</code> для значения сервера. /cancel — отмена.
settings-ask-protection =
    🛡 Отправьте защиту по умолчанию для каждого открывающего ордера в процентах от цены входа, например:
    <code>sl 1.5% tp 3%</code>
    <code>sl 2% tp 1%:50% 3%:50% breakeven</code> (лесенка тейк-профитов: уровень:доля позиции; затем стоп переносится в безубыток после первого тейк-профита)
    <code>trailing 0.5%</code>
    Отправьте <code>off</code>, чтобы отключить. Поля сигнала <code>sl</code>, <code>tp</code>, <code>trailing</code>, <code>breakeven</code> заменяют эти значения. /cancel — отмена.
settings-ask-sizing =
    📐 Отправьте, как считать размер открывающих ордеров:
    <code>25</code> — 25 USDT на ордер (сумма)
    <code>10% equity</code> или <code>10% available</code> — доля капитала или доступного баланса счёта (маржа на фьючерсах, трата на споте)
    <code>1% risk</code> — потерять не больше 1 % капитала при срабатывании стоп-лосса (нужен стоп-лосс)
    <code>fixed</code> — вернуться к сумме.
    Сигнал может указать вместо этого <code>"equity":"10%"</code>, <code>"available":"10%"</code> или <code>"risk":"1%"</code>. Любой размер всё равно проверяется по вашей максимальной стоимости ордера. /cancel — отмена.
settings-saved = ✅ Сохранено.
settings-bad-amount = ❓ Сумма должна быть числом больше 0 и не больше { $max } USDT. Отправьте снова или /cancel.
settings-bad-leverage = ❓ Плечо должно быть целым числом от 1 до { $max }. Отправьте снова или /cancel.
settings-bad-symbol = ❓ «{ $symbol }» — не символ. Отправьте, например, <code>BTCUSDT</code> или /cancel.
settings-exchange-down = ⏳ Bybit не отвечает, поэтому символ не удалось проверить. Отправьте его ещё раз чуть позже или /cancel.
settings-unknown-symbol = ❓ На Bybit нет { $symbol } на рынке «{ $market }». Отправьте другой символ или /cancel.
settings-bad-lag = ❓ Отправьте целое число секунд от 5 до 86400 или <code>off</code>. Или /cancel.
settings-bad-tolerance = ❓ Отправьте процент от { $min } до { $max } или <code>default</code>. Или /cancel.
settings-bad-max-value = ❓ Отправьте число USDT больше 0 и не больше { $max } или <code>default</code>. Или /cancel.
settings-bad-protection = ❓ { $error }. Отправьте так: <code>sl 1.5% tp 1%:50% 3%:50%</code> или <code>off</code>. Или /cancel.
settings-bad-sizing = ❓ { $error }. Отправьте <code>25</code>, <code>10% equity</code>, <code>10% available</code>, <code>1% risk</code> или <code>fixed</code>. Или /cancel.
orders-empty = 📭 Сигналов пока нет. Здесь появятся сигналы, пришедшие на ваш URL, когда у вас есть ключ Bybit.
orders-title = 📋 <b>Ваши последние сигналы: { $count }</b>
orders-line = • { $date } · { $action } <b>{ $symbol }</b> — { $result }
orders-placed = ✅ размещён <code>{ $qty }</code> по <code>{ $price }</code> (ордер <code>{ $orderId }</code>)
orders-status-rejected = ❌ не размещён
orders-status-expired = ⌛ отклонён
orders-status-nothing = ℹ️ делать нечего
orders-status-skipped = ⏸ пропущен (аккаунт неактивен)
orders-status-pending = ⏳ ждёт Bybit
orders-replay = ↻ повтор #{ $id }
events-empty = 📭 На ваши личные URL пока ничего не приходило. Отправьте на один из них сигнал или сообщение — и оно появится здесь.
events-page-empty = 📭 Более старых событий нет.
events-title = 🧾 <b>Что пришло на ваши URL</b>, сначала новые (страница { $page })
events-head = <b>#{ $id }</b> · { $provider } · { $date }
events-refused-head = 🚫 <b>{ $provider }</b> · { $date }
events-replay-of = ↻ повтор #{ $id }
events-what-alert = { $action } <b>{ $symbol }</b>
events-what-message = 💬 сообщение от <b>{ $sender }</b>
events-what-whatsapp-state = 📶 статус WhatsApp: { $state }
events-what-fal = 🎨 задача <b>{ $job }</b>: { $status }
events-result-relayed = ✅ переслано в этот чат
events-result-nothing = ℹ️ в чате показывать нечего
events-result-no-keys = ✅ переслано в этот чат, без ордера: у вас нет ключа Bybit (/keys)
events-result-pending = ⏳ ещё в очереди
events-result-inactive = ⏸ не обработано: ваш аккаунт был отключён
events-result-failed = ❌ ошибка: { $error }
events-result-trade-pending = ⏳ ордер ждёт Bybit
events-result-placed = ✅ ордер размещён: <code>{ $qty }</code> по <code>{ $price }</code> (ордер <code>{ $orderId }</code>)
events-result-trade-refused = { $status }: { $reason }
events-refused-reason = ❌ отклонено (HTTP { $status }): { $reason }
events-refused-body = Начало тела запроса (всего { $bytes } байт):
events-refused-no-body = Тело запроса было пустым.
events-duplicate = 🔁 повторная отправка #{ $id }: повторно не обработано
events-duplicate-unknown = 🔁 повторная отправка более раннего запроса: повторно не обработано
btn-replay = ↻ Повторить #{ $id }
event-replay-mark = ↻ <i>Повтор события #{ $id }</i>
replay-confirm = ↻ <b>Повторить событие #{ $id } как новую сделку?</b>
    { $what }
    Оно будет исполнено с вашими текущими настройками и ключами, новым ордером.
btn-replay-execute = ✅ Исполнить
btn-replay-skip = ✖️ Пропустить
replay-started = ↻ Событие #{ $id } повторено как событие #{ $newId }.
replay-skipped = ✖️ Повтор события #{ $id } пропущен: ничего не размещено.
callback-replay-started = Событие #{ $id } повторяется как #{ $newId }.
callback-replay-done = Уже повторено.
callback-replay-skipped-before = Этот повтор уже пропущен.
callback-replay-missing = Этого события больше нет.
keys-private-only = 🔒 Отправьте /keys мне в личном чате: API-ключам не место в группе.

## Google Maps scrapes: bot/features/scrape.ts, src/services/scraper/
cmd-scrape = Собрать места из Google Maps
cmd-scrapenew = Собрать места, которых у вас ещё нет
cmd-cancel = Остановить текущий сбор
cmd-apikey = Ваш ключ HTTP API и секрет вебхуков
scrape-usage =
    🔎 <b>Сбор мест из Google Maps</b>
    Отправьте /scrape, что искать и сколько мест (от 1 до { $max }), например:
    <code>/scrape рестораны в Каире 20</code>
    Целый район, больше 120 результатов одного поиска: что искать, черта, затем место или рамка (юг,запад,север,восток) и, если нужно, размер ячейки в км:
    <code>/scrape кафе | Казань</code>
    <code>/scrape кафе | 55.70,49.00,55.85,49.27 | 2</code>
scrape-too-many = ⏳ У вас уже есть сборы в очереди или в работе (не больше { $count }). Дождитесь окончания одного из них или остановите его командой /cancel.
scrape-progress =
    🔎 <b>{ $query }</b>
    { $bar } { $done }/{ $total }
    { $phase } · найдено ссылок: { $found } · { $seconds } с
scrape-progress-area =
    🗺 <b>{ $query }</b>
    { $bar } ячейки: { $cellsDone }/{ $cellsTotal }
    { $phase } · мест: { $done } (ожидается около { $total }) · { $seconds } с
scrape-area-refused = ❌ Этот район нельзя обыскать: { $error }
scrape-phase-queued = ⏳ ждём свободного исполнителя
scrape-phase-searching = 🌐 открываем Google Maps
scrape-phase-running = ⚙️ извлекаем места
scrape-phase-completed = ✅ готово
scrape-phase-failed = ❌ ошибка
scrape-phase-cancelled = ⏹ остановлено
scrape-card-closed-permanently = ⛔ <b>Закрыто навсегда</b>
scrape-card-closed-temporarily = ⏸ <b>Временно закрыто</b>
scrape-csv-caption = 📄 <b>{ $query }</b>: мест в файле: { $count }
scrape-summary =
    ✅ <b>Готово</b>: <b>{ $query }</b>, мест: { $count }, за { $seconds } с.
    📞 с телефоном: { $phones } · 🌐 с сайтом: { $websites } · ✉️ с e-mail: { $emails }
scrape-cancelled = ⏹ Сбор по запросу <b>{ $query }</b> остановлен. Найдено мест до остановки: { $count }.
scrape-error-blocked = ❌ Google Maps сейчас блокирует автоматические запросы с этого сервера, поэтому сбор по запросу <b>{ $query }</b> остановлен (найдено мест: { $count }). Попробуйте позже.
scrape-error-browser = ❌ Сбор по запросу <b>{ $query }</b> не запустился: на сервере нет браузера Chromium. Администратор может установить его командой <code>npx playwright install chromium</code> или задать CHROMIUM_PATH.
scrape-error-other = ❌ Сбор по запросу <b>{ $query }</b> завершился ошибкой (найдено мест: { $count }): { $error }
cancel-none = Нет сбора, который можно остановить.
cancel-requested = ⏹ Останавливаем сбор по запросу <b>{ $query }</b>…
apikey-message =
    🔑 <b>Ваш ключ HTTP API</b> показывается только сейчас: храните его в секрете.
    <code>{ $key }</code>

    ✍️ <b>Секрет подписи вебхуков</b> (Standard Webhooks): проверяйте им <code>webhook-signature</code> каждого нашего запроса.
    <code>{ $secret }</code>

    Запустить сбор: <code>POST { $base }/scrape</code> с заголовком <code>Authorization: Bearer &lt;ключ&gt;</code> и телом JSON, например:
    <code>{ $example }</code>
apikey-existing =
    🔑 Ваш ключ HTTP API начинается с <code>{ $prefix }</code>. Ключ показывается только при создании; нажмите кнопку, чтобы получить новый (старый сразу перестанет работать).

    ✍️ <b>Секрет подписи вебхуков</b> (Standard Webhooks):
    <code>{ $secret }</code>
btn-new-apikey = 🔄 Новый ключ API
callback-apikey-new = Создан новый ключ API; старый больше не работает.
help-scrape =
    <b>Google Maps</b>
    /scrape &lt;что&gt; &lt;сколько&gt; — например <code>/scrape рестораны в Каире 20</code> (не больше { $max }): каждое место приходит сюда сразу, как только найдено, а в конце — файл CSV
    /scrapenew &lt;что&gt; &lt;сколько&gt; — то же самое, но без мест, которые уже пришли вам в прошлых сборах
    /scrape &lt;что&gt; | &lt;место или юг,запад,север,восток&gt; [| &lt;ячейка, км&gt;] — целый район, ячейка за ячейкой, больше 120 результатов одного поиска, например <code>/scrape кафе | Казань</code>
    /scrape &lt;ссылки или id мест&gt; — дополнить ваш список: каждая ссылка на место в Google Maps или id места (ChIJ…) открывается напрямую
    /watch &lt;что&gt; &lt;сколько&gt; — повторять поиск каждый день или неделю и получать только новые, изменившиеся или закрывшиеся места
    /watches — ваши наблюдения: пауза, продолжение, удаление
    /cancel — остановить текущий сбор
    /apikey — ключ для HTTP API (<code>POST /scrape</code>) и секрет, которым подписаны наши вебхуки
## Trading — /positions, /balance, /pnl and the daily summary (/summary)
cmd-positions = Открытые позиции, у каждой кнопка «Закрыть»
cmd-balance = Баланс на Bybit: капитал, доступно, монеты
cmd-pnl = Реализованный PnL: сегодня, 7 и 30 дней, по символам
cmd-summary = Ежедневная сводка в ваш час
account-read-failed = ❌ Не удалось прочитать ваш счёт «{ $account }» на Bybit. { $reason }
account-reason-no-keys = Для этого счёта нет API-ключа Bybit. Добавьте его через /keys или переключите счёт в /settings.
account-reason-invalid-key = Bybit не принял API-ключ или секрет. Проверьте их и введите снова через /keys.
account-reason-key-expired = Срок действия вашего API-ключа Bybit истёк. Создайте новый на Bybit и введите его через /keys.
account-reason-permission-denied = API-ключу это не разрешено. На Bybit дайте ему права Positions, Orders и Wallet (Unified Trading) и попробуйте снова.
account-reason-ip-not-allowed = API-ключ разрешён только для других IP-адресов. Добавьте IP этого сервера к ключу на Bybit.
account-reason-timestamp = Bybit отклонил время запроса: часы этого сервера идут неверно. Сообщите администратору, чтобы он их синхронизировал.
account-reason-exchange-down = Bybit не ответил. Попробуйте через несколько минут.
account-reason-exchange-error = Bybit ответил ошибкой: { $detail }
positions-title = 📊 <b>Открытые позиции</b> (фьючерсы, счёт «{ $account }»)
positions-page = Страница { $page } из { $pages } (позиций: { $count })
positions-line = <b>{ $symbol }</b> · { $side } <code>{ $size }</code> · { $leverage }x
positions-line-prices = Вход <code>{ $entry }</code> · маркировочная <code>{ $mark }</code> · нереализованный PnL <code>{ $pnl }</code> USDT
positions-side-long = Лонг
positions-side-short = Шорт
positions-none = 📭 Открытых фьючерсных позиций нет.
positions-total-upl = Нереализованный PnL всего: <code>{ $pnl }</code> USDT
positions-spot-note = 🪙 На споте позиций нет: купленное хранится монетами.
positions-spot-coin = • { $coin }: <code>{ $amount }</code>
positions-spot-none = Монет, кроме USDT, нет.
btn-position-close = ✖️ Закрыть { $symbol } { $side }
btn-positions-prev = ◀️ Назад
btn-positions-next = Дальше ▶️
callback-position-closed = Закрываю { $symbol } по рынку.
callback-position-busy = Эта позиция уже закрывается: минуту.
callback-position-nothing = По этой позиции { $symbol } уже ничего не открыто: она закрыта. Отправьте /positions, чтобы увидеть открытые сейчас.
callback-position-failed = Не закрыто: подробности в чате.
position-closed = ✅ <b>{ $symbol }</b> закрыта рыночным ордером reduce-only: { $side } <code>{ $qty }</code> по <code>{ $price }</code> · ID ордера <code>{ $orderId }</code> (счёт «{ $account }»)
balance-title = 💰 <b>Баланс</b> (единый торговый счёт, «{ $account }»)
balance-equity = Капитал: <code>{ $value }</code> USD
balance-available = Доступно: <code>{ $value }</code> USD
balance-wallet = Баланс кошелька: <code>{ $value }</code> USD
balance-upl = Нереализованный PnL (фьючерсы): <code>{ $value }</code> USD
balance-coins = <b>Монеты</b>
balance-no-coins = Монет с балансом нет.
balance-coin = • { $coin }: <code>{ $amount }</code>
balance-coin-usd = • { $coin }: <code>{ $amount }</code> (≈ <code>{ $usd }</code> USD)
pnl-title = 📈 <b>Реализованный PnL</b> (фьючерсы, счёт «{ $account }», по закрытому PnL Bybit, с комиссиями)
pnl-zone-own = Сутки начинаются в полночь по { $zone }.
pnl-zone-quiet-hours = Сутки начинаются в полночь по { $zone } (часовой пояс ваших тихих часов; другой задаётся через /summary zone).
pnl-zone-default = Сутки начинаются в полночь по UTC. Задайте свой часовой пояс: <code>/summary zone Europe/Moscow</code> (название вашего пояса).
pnl-period-today = Сегодня
pnl-period-yesterday = Вчера
pnl-period-week = 7 дней
pnl-period-month = 30 дней
pnl-line = <b>{ $period }</b>: <code>{ $pnl }</code> USDT · сделок: { $trades } · в плюс: { $rate } %
pnl-line-empty = <b>{ $period }</b>: закрытых сделок нет
pnl-symbol = • { $symbol }: <code>{ $pnl }</code> USDT · сделок: { $trades }
pnl-more = • и ещё символов: { $count }
summary-usage =
    🗓 <b>Ежедневная сводка</b>: реализованный PnL, открытые позиции и баланс раз в день в ваш час.
    <code>/summary 21</code> — каждый день в 21:00 по вашему часовому поясу
    <code>/summary 21 Europe/Moscow</code> — и задать часовой пояс
    <code>/summary zone Asia/Dubai</code> — только часовой пояс (по нему же считает сутки /pnl)
    <code>/summary off</code> — без сводки
summary-status-on = Сейчас: каждый день в { $hour } ({ $zone }).
summary-status-off = Сейчас: выключена (часовой пояс { $zone }).
summary-set = ✅ Ежедневная сводка каждый день в { $hour } ({ $zone }). Выключить: /summary off.
summary-off = ✅ Ежедневная сводка выключена.
summary-zone-set = ✅ Часовой пояс: { $zone }. По нему считают сутки /pnl и ежедневная сводка.
summary-bad-zone = ❓ Неизвестный часовой пояс «{ $zone }». Укажите название вроде <code>Europe/Moscow</code>, <code>Asia/Dubai</code> или <code>UTC</code>.
summary-title = 🗓 <b>Ежедневная сводка</b> · { $day } ({ $zone }) · счёт «{ $account }»
summary-positions = Открытых позиций: { $count }
summary-position = • { $symbol } { $side } <code>{ $size }</code> · нереализованный PnL <code>{ $pnl }</code> USDT
summary-positions-none = Открытых фьючерсных позиций нет.
summary-balance = Капитал <code>{ $equity }</code> USD · доступно <code>{ $available }</code> USD
summary-footer = /positions · /pnl · /balance — <code>/summary off</code> отключает это сообщение.
cmd-q = Быстрые ответы: сохранённые ответы клиентам WhatsApp и Avito
btn-quick-reply = ⚡ Быстрый ответ
btn-qr-close = ✖ Закрыть
qr-no-connection = ℹ️ Быстрые ответы относятся к подключению WhatsApp или Avito, а у вас их нет. Подключите: <code>/connect whatsapp</code> или <code>/connect avito</code>.
qr-which = ℹ️ У вас подключены и WhatsApp, и Avito: укажите какой, например <code>/q add whatsapp hello Здравствуйте! Чем помочь?</code>
qr-list-empty = ℹ️ Для { $service } пока нет быстрых ответов.
qr-list-title = ⚡ <b>Быстрые ответы для { $service }</b> ({ $count } из { $limit }):
qr-list-hint = Добавить: <code>/q add имя текст</code> · удалить: <code>/q del имя</code> · отправить: <code>/q имя</code> в теме клиента или ответом на его сообщение, или кнопка «Быстрый ответ» под ним.
qr-usage =
    <b>Быстрые ответы</b> (до { $limit } на подключение, до { $max } символов каждый)
    <code>/q add hello Здравствуйте! Чем помочь?</code> — сохранить ответ
    <code>/q list</code> — ваши ответы
    <code>/q del hello</code> — удалить
    <code>/q hello</code> — отправить, в теме клиента или ответом на его сообщение
    Если подключены и WhatsApp, и Avito, укажите сервис: <code>/q add avito hello …</code>
qr-add-usage = ℹ️ Формат: <code>/q add имя текст</code> (текст может быть в несколько строк, до { $max } символов).
qr-del-usage = ℹ️ Формат: <code>/q del имя</code>
qr-name-empty = ❌ У ответа должно быть имя.
qr-name-too-long = ❌ Имя слишком длинное: не больше { $max } символов.
qr-name-characters = ❌ Имя — одно слово: буквы, цифры, <code>_</code> и <code>-</code>.
qr-name-reserved = ❌ Это слово — команда <code>/q</code>: выберите другое имя.
qr-add-saved = ✅ Быстрый ответ <code>{ $name }</code> сохранён для { $service }.
qr-add-replaced = ✅ Быстрый ответ <code>{ $name }</code> для { $service } заменён.
qr-add-full = ❌ У { $service } уже { $limit } быстрых ответов — это максимум. Сначала удалите один (<code>/q del имя</code>).
qr-add-empty = ❌ В ответе нет текста.
qr-add-too-long = ❌ В тексте { $length } символов; быстрый ответ вмещает не больше { $max }.
qr-deleted = ✅ Быстрый ответ <code>{ $name }</code> удалён из { $service }.
qr-del-unknown = ℹ️ У { $service } нет быстрого ответа <code>{ $name }</code>.
qr-not-here = ⛔ Клиентам { $service } не отвечают из этого чата.
qr-send-where = ℹ️ Отправьте <code>/q имя</code> в теме клиента или ответом на его сообщение.
qr-unknown = ❌ Для { $service } нет быстрого ответа <code>{ $name }</code>. Сохранены: { $names }
callback-qr-gone = На это сообщение уже нельзя ответить.
callback-qr-already-sent = Уже отправлено.
callback-qr-sent = Отправлено.
team-route-demoted = ⚠️ В группе, куда приходили сообщения { $service }, я больше не администратор с нужными правами, поэтому они снова приходят сюда, включая ожидавшие. Снова сделайте меня администратором (с правом «Управление темами», если в группе есть темы) и отправьте там /route, чтобы перенести их.
health-wa-not-authorized = ⚠️ Инстанс WhatsApp <code>{ $instance }</code> вышел из аккаунта: телефон отвязан, сообщения не приходят. Что делать: откройте консоль Green API и отсканируйте QR-код в WhatsApp на телефоне (Связанные устройства). Я сообщу, когда всё заработает.
health-wa-blocked = ⛔ WhatsApp заблокировал номер инстанса <code>{ $instance }</code>: сообщения нельзя ни получить, ни отправить. Что делать: проверьте номер в WhatsApp на телефоне и обратитесь в поддержку WhatsApp или Green API, если блокировка не снимется.
health-wa-sleep = ⚠️ Телефон инстанса WhatsApp <code>{ $instance }</code> не в сети (спящий режим), сообщения не приходят. Что делать: включите телефон, подключите его к интернету и откройте WhatsApp.
health-wa-state-other = ⚠️ Инстанс WhatsApp <code>{ $instance }</code> в состоянии { $state } вместо authorized, сообщения могут не приходить. Что делать: проверьте инстанс в консоли Green API и перезапустите его там, если это не пройдёт.
health-wa-silent = ⚠️ { $count } сообщений WhatsApp дошли до Green API, но не до меня, хотя телефон в сети (инстанс <code>{ $instance }</code>): его вебхуки перестали приходить. Что делать: проверьте настройки вебхуков инстанса в консоли Green API или снова отправьте /connect whatsapp, чтобы я их выставил.
health-wa-credentials = ⚠️ Green API не принимает сохранённый токен инстанса <code>{ $instance }</code>, поэтому ничего нельзя проверить или отправить. Что делать: отправьте /connect whatsapp с текущим apiTokenInstance.
health-avito-unsubscribed = ⚠️ Avito больше не присылает новые сообщения на мой вебхук: подписка пропала. Пока её нет, я забираю их каждые { $seconds } с и продолжаю просить Avito подписать снова. Если это не пройдёт, проверьте доступ приложения к мессенджеру на developers.avito.ru или снова отправьте /connect avito.
health-avito-credentials = ⚠️ Avito не принимает сохранённые client_id и client_secret, поэтому сообщения нельзя получить. Что делать: отправьте /connect avito с действующими ключами.
health-recovered = ✅ { $service } снова работает: сообщения приходят как обычно.
cmd-web = Живой просмотр событий, ордеров и сборов
web-intro = 🌐 <b>Живой просмотр</b>: ваши события, ордера и сборы по мере того, как они происходят, со звуком на каждое новое сообщение WhatsApp или Avito. Откройте его кнопкой ниже.
web-link = Или откройте в браузере (ссылка действует { $minutes } мин.; никому её не передавайте):
    { $url }
web-needs-https = ℹ️ Кнопке внутри Telegram нужен PUBLIC_URL сервера на https; пока его нет, пользуйтесь ссылкой.
btn-web-open = 🌐 Открыть живой просмотр
webview-title = Живой просмотр
webview-tab-events = События
webview-tab-orders = Ордера
webview-tab-scrapes = Сборы
webview-sound-on = Звук вкл.
webview-sound-off = Без звука
webview-live = в эфире
webview-reconnecting = переподключение…
webview-refused = Нет доступа:
webview-too-many = открыто слишком много окон
webview-empty-events = На ваши личные URL пока ничего не приходило. Отправьте сигнал или сообщение — и оно сразу появится здесь.
webview-empty-orders = Ордеров пока нет.
webview-empty-scrapes = Сборов пока нет. Запустите сбор командой /scrape в боте.
webview-col-when = Начат
webview-col-query = Запрос
webview-col-status = Статус
webview-col-results = Результаты
webview-col-finished = Завершён
webview-scrape-queued = в очереди
webview-scrape-running = идёт
webview-scrape-completed = готово
webview-scrape-failed = ошибка
webview-scrape-cancelled = отменён

## Watches and place lists: bot/features/watch.ts, src/services/watches/
cmd-watch = Следить за поиском: новые и изменившиеся места
cmd-watches = Ваши наблюдения
watch-usage =
    👁 <b>Наблюдение за поиском</b>
    Отправьте /watch, что искать и сколько мест проверять (от 1 до { $max }), например:
    <code>/watch стоматологии в Каире 50</code>
    Каждый запуск присылает только места, которые появились, изменились (телефон, сайт, рейтинг) или закрылись с прошлого раза.
watch-ask = 👁 Как часто проверять <b>{ $query }</b> ({ $count } мест)? Время: { $zone }.
watch-btn-daily = Ежедневно { $time }
watch-btn-weekly = Еженедельно { $time }
watch-started =
    👁 Слежу за <b>{ $query }</b>: { $schedule }.
    Первый запуск начинается сейчас, и все места в нём новые; дальше — только изменения.
watch-too-many = У вас уже { $count } наблюдений. Сначала удалите одно в /watches.
callback-watch-missing = Этого наблюдения больше нет.
callback-watch-pause = На паузе.
callback-watch-resume = Продолжено.
callback-watch-del = Удалено.
watches-none = Наблюдений нет. Начните с /watch &lt;что&gt; &lt;сколько&gt;.
watches-title = 👁 <b>Ваши наблюдения</b> ({ $count })
watches-item =
    { $number }. <b>{ $query }</b> ({ $count } мест)
    { $schedule } · { $status }
watches-paused = ⏸ на паузе
watches-next = следующий запуск { $at }
watch-btn-pause = ⏸ Пауза { $number }
watch-btn-resume = ▶️ Продолжить { $number }
watch-btn-delete = 🗑 Удалить { $number }
watch-schedule-daily = ежедневно в { $time } ({ $zone })
watch-schedule-weekly = еженедельно, { $day }, в { $time } ({ $zone })
watch-weekday-1 = понедельник
watch-weekday-2 = вторник
watch-weekday-3 = среда
watch-weekday-4 = четверг
watch-weekday-5 = пятница
watch-weekday-6 = суббота
watch-weekday-7 = воскресенье
watch-change-new = 🆕 <b>Новое</b>
watch-change-closed = ⛔ <b>Закрылось</b> с прошлого запуска
watch-change-changed = ✏️ <b>Изменилось</b>: { $fields }
watch-field-phone = телефон
watch-field-website = сайт
watch-field-rating = рейтинг
watch-was = было { $value }
watch-run-nothing = 👁 <b>{ $query }</b>: с прошлого запуска ничего нового.
watch-run-summary = 👁 <b>{ $query }</b> с прошлого запуска: 🆕 новых { $fresh } · ✏️ изменилось { $changed } · ⛔ закрылось { $closed }
scrape-item-missing = <b>{ $position }.</b> ❔ <code>{ $input }</code>: { $error }
scrape-places-too-many = ❌ В одном списке не больше { $max } мест (вы отправили { $count }).
scrape-places-bad =
    ❌ Некоторые элементы — не ссылки на места Google Maps и не id мест:
    { $problems }
scrape-error-proxies = ❌ Сбор <b>{ $query }</b> остановлен (найдено мест: { $count }): ни один прокси сервера сейчас не работает. Администратор уведомлён.
scrape-proxy-down = ⚠️ Прокси сбора <code>{ $proxy }</code> выведен из ротации на { $minutes } мин: { $reason }
