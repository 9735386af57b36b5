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
action-buy = 🟢 ПОКУПКА
action-sell = 🔴 ПРОДАЖА
action-long = 🟢 ЛОНГ
action-short = 🔴 ШОРТ
action-close = ⚪ ЗАКРЫТИЕ
action-exit = ⚪ ВЫХОД
action-stop = 🛑 СТОП

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
cmd-lang = Сменить язык
cmd-help = Что я умею
cmd-users = Список пользователей (админ)
cmd-user = Данные пользователя (админ)
cmd-activate = Активировать пользователя (админ)
cmd-deactivate = Деактивировать пользователя (админ)

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
url-rotate-confirm =
    ⚠️ <b>Заменить webhook-ссылку?</b>
    Текущая ссылка сразу перестанет работать. Новую придётся вставить во все оповещения TradingView, которые используют старую.
btn-rotate-yes = ✅ Да, заменить
btn-rotate-no = ✖️ Отмена
url-rotated = ✅ <b>Webhook-ссылка заменена.</b> Старая больше не работает.

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

## Администратор: /users, /user, /activate, /deactivate
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

## FAL AI (issue #5): /fal и результаты задач FAL (src/services/fal/relayFal.ts)
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
connect-usage = Что подключить? Или отправьте <code>/connect whatsapp</code> или <code>/connect avito</code>.
disconnect-usage = Использование: <code>/disconnect whatsapp</code> или <code>/disconnect avito</code>
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
wa-state-authorized = ✅ Инстанс WhatsApp <code>{ $instance }</code> привязан и работает.
wa-state-not-authorized = ⚠️ Инстанс WhatsApp <code>{ $instance }</code> вышел из аккаунта: телефон отвязан. Отсканируйте QR-код в консоли Green API, чтобы привязать его снова.
wa-state-blocked = ⛔ WhatsApp заблокировал номер инстанса <code>{ $instance }</code>. Сообщения нельзя получать и отправлять.
wa-state-other = ℹ️ Инстанс WhatsApp <code>{ $instance }</code> теперь в состоянии: { $state }
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
reply-text-only = ℹ️ Обратно можно отправить только текстовый ответ.
reply-reason-unauthorized = сервис не принял сохранённые ключи; подключите его заново.
reply-reason-unreachable = не удалось связаться с сервисом. Попробуйте чуть позже.
avito-from-buyer = 🟠 <b>Avito</b> · { $name } · { $item }
btn-connect-whatsapp = WhatsApp (Green API)
btn-connect-avito = Avito
## Задача №3: торговля — /settings, /keys, /orders и итоги ордеров
cmd-settings = Настройки торговли: рынок, сумма, плечо, счёт
cmd-keys = Ваши API-ключи Bybit
cmd-orders = Последние сигналы и их ордера
help-trading =
    <b>Торговля на Bybit</b>
    /settings — рынок (спот или бессрочные фьючерсы USDT), сумма в USDT, плечо, демо- или реальный счёт, символ по умолчанию, максимальная задержка сигнала
    /keys — добавить, заменить или удалить API-ключи Bybit (демо и реальный — отдельно); <code>/keys delete</code> удаляет их
    /orders — последние сигналы и что с ними стало
    Если есть ключ для счёта, на котором вы торгуете, каждый сигнал становится рыночным ордером на Bybit, а итог приходит сюда. Необязательные поля сигнала: <code>amount</code>, <code>qty</code>, <code>leverage</code>, <code>market</code>, <code>tp</code>, <code>sl</code>, <code>timestamp</code>.
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
trade-leverage = Плечо: <b>{ $leverage }x</b>
trade-placed-title = ✅ <b>{ $action } { $symbol }</b>: ордер размещён на Bybit ({ $market }, счёт { $account })
trade-failed-title = ❌ <b>{ $action } { $symbol }</b>: ордер не размещён ({ $market }, счёт { $account })
trade-expired-title = ⌛ <b>{ $action } { $symbol }</b>: сигнал отклонён как устаревший ({ $market }, счёт { $account })
trade-nothing-title = ℹ️ <b>{ $action } { $symbol }</b>: делать нечего ({ $market }, счёт { $account })
trade-partial = ⚠️ Эти ордера сигнала были размещены до остановки:
trade-retrying = ⏳ <b>{ $action } { $symbol }</b>: Bybit не отвечает. Повторяю до { $minutes } мин с тем же ID ордера, поэтому он никогда не будет размещён дважды. Итог придёт сюда.
trade-not-configured = 💡 Без сделки: добавьте API-ключ Bybit командой /keys, чтобы сигналы становились ордерами.
trade-reason-insufficient-balance = Недостаточно средств на Bybit для этого ордера. Пополните счёт или уменьшите сумму или плечо в /settings.
trade-reason-qty-too-small = Количество <code>{ $qty }</code> меньше минимума символа <code>{ $min }</code>. Увеличьте сумму (или плечо) в /settings.
trade-reason-qty-too-large = Количество <code>{ $qty }</code> больше максимума для рыночного ордера <code>{ $max }</code>. Уменьшите сумму в /settings.
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
settings-leverage = Плечо: <b>{ $leverage }x</b> (только фьючерсы)
settings-account = Счёт: <b>{ $account }</b>
settings-symbol = Символ по умолчанию: <b>{ $symbol }</b>
settings-lag = Максимальная задержка сигнала: <b>{ $lag }</b>
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
callback-saved = Сохранено.
settings-ask-amount = 💵 Отправьте сумму на сделку в USDT, например <code>25</code>. /cancel — отмена.
settings-ask-leverage = 📈 Отправьте плечо целым числом, например <code>5</code>. /cancel — отмена.
settings-ask-symbol = 🔤 Отправьте символ по умолчанию для сигналов без символа, например <code>BTCUSDT</code>, или <code>-</code>, чтобы убрать. /cancel — отмена.
settings-ask-lag = ⏱ Отправьте максимальный возраст сигнала в секундах (от 5 до 86400): более старые сигналы отклоняются, а не исполняются. Отправьте <code>off</code>, чтобы выключить. Используется поле <code>timestamp</code> сигнала, иначе время его получения. /cancel — отмена.
settings-saved = ✅ Сохранено.
settings-bad-amount = ❓ Сумма должна быть числом больше 0 и не больше { $max } USDT. Отправьте снова или /cancel.
settings-bad-leverage = ❓ Плечо должно быть целым числом от 1 до { $max }. Отправьте снова или /cancel.
settings-bad-symbol = ❓ «{ $symbol }» — не символ. Отправьте, например, <code>BTCUSDT</code> или /cancel.
settings-exchange-down = ⏳ Bybit не отвечает, поэтому символ не удалось проверить. Отправьте его ещё раз чуть позже или /cancel.
settings-unknown-symbol = ❓ На Bybit нет { $symbol } на рынке «{ $market }». Отправьте другой символ или /cancel.
settings-bad-lag = ❓ Отправьте целое число секунд от 5 до 86400 или <code>off</code>. Или /cancel.
orders-empty = 📭 Сигналов пока нет. Здесь появятся сигналы, пришедшие на ваш URL, когда у вас есть ключ Bybit.
orders-title = 📋 <b>Ваши последние сигналы: { $count }</b>
orders-line = • { $date } · { $action } <b>{ $symbol }</b> — { $result }
orders-placed = ✅ размещён <code>{ $qty }</code> по <code>{ $price }</code> (ордер <code>{ $orderId }</code>)
orders-status-rejected = ❌ не размещён
orders-status-expired = ⌛ отклонён
orders-status-nothing = ℹ️ делать нечего
orders-status-skipped = ⏸ пропущен (аккаунт неактивен)
orders-status-pending = ⏳ ждёт Bybit
keys-private-only = 🔒 Отправьте /keys мне в личном чате: API-ключам не место в группе.

## Google Maps scrapes (issue #4): bot/features/scrape.ts, src/services/scraper/
cmd-scrape = Собрать места из Google Maps
cmd-cancel = Остановить текущий сбор
cmd-apikey = Ваш ключ HTTP API и секрет вебхуков
scrape-usage =
    🔎 <b>Сбор мест из Google Maps</b>
    Отправьте /scrape, что искать и сколько мест (от 1 до { $max }), например:
    <code>/scrape рестораны в Каире 20</code>
scrape-too-many = ⏳ У вас уже есть сборы в очереди или в работе (не больше { $count }). Дождитесь окончания одного из них или остановите его командой /cancel.
scrape-progress =
    🔎 <b>{ $query }</b>
    { $bar } { $done }/{ $total }
    { $phase } · найдено ссылок: { $found } · { $seconds } с
scrape-phase-queued = ⏳ ждём свободного исполнителя
scrape-phase-searching = 🌐 открываем Google Maps
scrape-phase-running = ⚙️ извлекаем места
scrape-phase-completed = ✅ готово
scrape-phase-failed = ❌ ошибка
scrape-phase-cancelled = ⏹ остановлено
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
    /cancel — остановить текущий сбор
    /apikey — ключ для HTTP API (<code>POST /scrape</code>) и секрет, которым подписаны наши вебхуки
