# Hookbot — English (the default locale; every key here exists in ar.ftl and ru.ftl too).
# Telegram HTML: keep the tags balanced. Values are HTML-escaped by the code before they get here.
# Keys starting with cmd-, btn- and callback- are plain text (menus, buttons, pop-up alerts): no tags.

## Relayed TradingView alerts (rendered by src/services/alerts/formatAlert.ts).
alert-title = 📈 <b>TradingView alert</b>
alert-action = Action: <b>{ $action }</b>
alert-symbol = Symbol: <b>{ $symbol }</b>
alert-price = Price: <code>{ $price }</code>
alert-no-symbol = (none)
alert-extra = Other fields:
alert-extra-field = • <b>{ $key }</b>: { $value }
alert-text = Message:
action-buy = 🟢 BUY
action-sell = 🔴 SELL
action-long = 🟢 LONG
action-short = 🔴 SHORT
action-close = ⚪ CLOSE
action-exit = ⚪ EXIT
action-stop = 🛑 STOP

## Sent through the outbox when an admin changes a user's status.
account-deactivated-notice = ⛔ Your Hookbot account has been deactivated by an administrator. Your webhook URLs now answer 403 and nothing sent to them is processed. Contact the administrator if you think this is a mistake.
account-activated-notice = ✅ Your Hookbot account is active again. Your webhook URLs work as before.

## Shared answers
error-generic = ⚠️ Something went wrong on our side. Please try again in a moment.
need-start = 👋 Please send /start first to register.
account-inactive =
    ⛔ <b>Your account has been deactivated by an administrator.</b>
    Your webhook URLs answer 403 and nothing sent to them is processed.
    Contact the administrator if you think this is a mistake.
admins-only = 🔒 This command is for administrators only.
unknown-command = 🤔 I don't know that command. Send /help to see what I can do.

## Pop-up answers to buttons (plain text, at most 200 characters)
callback-need-start = Please send /start first to register.
callback-inactive = Your account has been deactivated by an administrator. Please contact the administrator.
callback-admins-only = This button is for administrators only.
callback-error = Something went wrong. Please try again.
callback-url-rotated = New URL created.

## Command menu (plain text, at most 256 characters)
cmd-start = Register and get started
cmd-url = Your personal webhook URL
cmd-lang = Change the language
cmd-help = What I can do
cmd-users = List users (admin)
cmd-user = Show one user (admin)
cmd-activate = Activate a user (admin)
cmd-deactivate = Deactivate a user (admin)

## /start
start-welcome-new =
    👋 Welcome to Hookbot, <b>{ $name }</b>!

    I deliver your TradingView alerts to this chat. Send /url to get your personal webhook URL, then paste it into your TradingView alerts.

    Send /help to see everything I can do.
start-welcome-back =
    👋 Welcome back, <b>{ $name }</b>! Your profile is up to date.

    Send /url to see your personal webhook URL, or /help for everything I can do.
start-pending =
    ⏳ <b>Your account is not active yet.</b>
    An administrator has to activate it before your alerts are delivered; until then your webhook URLs answer 403.

## /url
url-message =
    🔗 <b>Your personal TradingView webhook URL</b>
    <code>{ $url }</code>

    The same URL in its compatible form, for older setups:
    <code>{ $legacyUrl }</code>

    <b>How to use it</b>
    1. In TradingView, create or edit an alert and open <b>Notifications</b>.
    2. Tick <b>Webhook URL</b> and paste the URL above.
    3. Put the alert details in <b>Message</b>, for example:
    <code>{ $example }</code>

    🔒 Keep this URL secret: anyone who has it can send alerts to this chat. Tap <b>New URL</b> if it leaks.
btn-new-url = 🔄 New URL
url-rotate-confirm =
    ⚠️ <b>Replace your webhook URL?</b>
    The current URL stops working at once. You will have to paste the new one into every TradingView alert that uses it.
btn-rotate-yes = ✅ Yes, replace it
btn-rotate-no = ✖️ Cancel
url-rotated = ✅ <b>Your webhook URL has been replaced.</b> The old one no longer works.

## /lang (lang-name is the language's name in itself, shown on its button)
lang-name = English
lang-choose = 🌐 Choose your language:
lang-saved = ✅ Done: I will speak English from now on.
lang-saved-unregistered = ✅ I will speak English. Send /start to register.

## /help
help-text =
    ℹ️ <b>Hookbot</b> delivers TradingView alerts to this chat.

    <b>Commands</b>
    /start — register, or refresh your profile
    /url — your personal webhook URL, and a button to replace it
    /lang — change the language
    /help — this help

    <b>Alerts</b>
    Send alerts to your URL from TradingView (or anything else that can make an HTTP POST), either as JSON with the fields <code>symbol</code>, <code>action</code>, <code>price</code> and an optional <code>id</code>:
    <code>{ $example }</code>
    or as plain text such as <code>buy BTCUSDT @ 50000</code>.
    Every alert needs one of these actions: <code>buy</code>, <code>sell</code>, <code>long</code>, <code>short</code>, <code>close</code>, <code>exit</code>, <code>stop</code>. Other JSON fields are shown with the alert.

    <b>Duplicates</b>
    An alert whose <code>id</code> was already received is ignored. Without an <code>id</code>, the exact same alert sent again within { $window ->
        [one] { $window } second
       *[other] { $window } seconds
    } is ignored too (TradingView resends alerts that failed).

    ⛔ If an administrator deactivates your account, your URLs answer 403 and alerts are not delivered.
help-admin =
    <b>Administrator commands</b>
    /users — list users, 10 per page
    /user &lt;telegram_id&gt; — details of one user
    /activate &lt;telegram_id&gt; — activate a user (they are notified)
    /deactivate &lt;telegram_id&gt; — deactivate a user: their URLs answer 403 (they are notified)

## Admin: /users, /user, /activate, /deactivate
users-title = 👥 <b>Users</b>: { $total } · page { $page } of { $pages }
users-empty = 👥 No users yet.
users-line = <code>{ $id }</code> { $name } · { $language } · { $status }{ $blocked }
status-active = ✅ active
status-inactive = ⛔ inactive
status-blocked = 🚫
btn-prev = ◀️ Previous
btn-next = Next ▶️
user-usage = Usage: <code>/user &lt;telegram_id&gt;</code>, for example <code>/user 123456789</code>
activate-usage = Usage: <code>/activate &lt;telegram_id&gt;</code>, for example <code>/activate 123456789</code>
deactivate-usage = Usage: <code>/deactivate &lt;telegram_id&gt;</code>, for example <code>/deactivate 123456789</code>
user-not-found = ❓ No user with Telegram ID <code>{ $id }</code>. They have to send /start to the bot first.
user-details =
    👤 <b>{ $name }</b>
    Telegram ID: <code>{ $id }</code>
    Registered: { $registered }
    Language: { $language }
    Status: { $status }
    Blocked the bot: { $blocked }
user-blocked-yes = 🚫 yes, since { $date }
user-blocked-no = no
activate-done = ✅ <b>{ $name }</b> (<code>{ $id }</code>) is active again. Their webhook URLs work, and they have been told.
deactivate-done = ⛔ <b>{ $name }</b> (<code>{ $id }</code>) is deactivated. Their webhook URLs now answer 403, and they have been told.
activate-already = ℹ️ <b>{ $name }</b> (<code>{ $id }</code>) is already active. Nothing changed.
deactivate-already = ℹ️ <b>{ $name }</b> (<code>{ $id }</code>) is already deactivated. Nothing changed.
prompt-cancelled = ✖️ Cancelled. Nothing was saved.

## FAL AI (issue #5): /fal, and the results of FAL jobs (src/services/fal/relayFal.ts)
cmd-fal = Your FAL AI webhook URL
help-fal =
    <b>FAL AI</b>
    /fal — your FAL AI webhook URL, and a button to replace it. Submit FAL jobs with it: their images, or what went wrong, arrive in this chat.
fal-url-message =
    🎨 <b>Your personal FAL AI webhook URL</b>
    <code>{ $url }</code>

    <b>How to use it</b>
    Submit jobs to FAL's queue with this URL as their webhook. When a job ends, its images (or its error) arrive in this chat.
    • JavaScript (<code>@fal-ai/client</code>): pass the URL as <code>webhookUrl</code> to <code>fal.queue.submit</code>.
    • Python (<code>fal_client</code>): pass it as <code>webhook_url</code> to <code>submit</code>.
    • HTTP: add the URL, encoded, as <code>fal_webhook</code> to the queue request:
    <code>https://queue.fal.run/fal-ai/flux/dev?fal_webhook={ $encodedUrl }</code>

    <b>Labels</b>
    To tell jobs apart, add <code>?label=</code> and a short name to the URL of a job; the label is shown with its result:
    <code>{ $labelUrl }</code>

    🔒 Every delivery is checked against FAL's signature; still, keep this URL private. Tap <b>New URL</b> if it leaks.
fal-rotate-confirm =
    ⚠️ <b>Replace your FAL webhook URL?</b>
    The current URL stops working at once: jobs already submitted with it will not be reported here.
fal-url-rotated = ✅ <b>Your FAL webhook URL has been replaced.</b> The old one no longer works.
fal-title-ok = ✅ <b>FAL job finished</b>
fal-title-error = ❌ <b>FAL job failed</b>
fal-title-payload-error = ⚠️ <b>FAL job finished, but its result could not be delivered</b>
fal-label = Label: <b>{ $label }</b>
fal-request = Request: <code>{ $id }</code>
fal-seed = Seed: <code>{ $seed }</code>
fal-prompt = Prompt: <i>{ $prompt }</i>
fal-images = { $count ->
        [one] { $count } image
       *[other] { $count } images
    }
fal-image-name = image { $count }
fal-field = • <b>{ $key }</b>: { $value }
fal-more-fields = … and { $count } more fields
fal-empty-result = The job returned an empty result.
fal-files = Files:
fal-file = • { $link }
fal-error = Error: { $error }
fal-error-unknown = FAL did not say what went wrong.
fal-error-details = What FAL objected to:
fal-error-field = • <b>{ $field }</b>: { $message }
fal-error-line = • { $message }
fal-why-input = In plain words: the model did not accept the input. Check the fields below against the model's documentation.
fal-why-auth = In plain words: FAL refused the credentials. Check your FAL key and what it may run.
fal-why-busy = In plain words: FAL was too busy, or your account hit its limit. Submit the job again a little later.
fal-why-timeout = In plain words: the job took too long and was stopped.
fal-why-server = In plain words: something failed on FAL's side. Submitting the job again usually helps.
fal-payload-error =
    FAL could not include the result: { $error }
    Fetch it from FAL's queue API with the request id above.
