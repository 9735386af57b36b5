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
