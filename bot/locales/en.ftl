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
alert-duplicate-dropped =
    ⚠️ <b>A request to your { $provider } URL was dropped as a duplicate</b> of one received earlier, and was not acted on.
    A TradingView alert counts as the same when its <code>id</code>, symbol and action match an earlier one (without an <code>id</code>: the very same text within { $window } s). If distinct alerts were dropped, give each its own <code>id</code>, e.g. <code>{ $example }</code>.
    Further duplicates on this URL in the next { $minutes } min are dropped without a message.
action-buy = 🟢 BUY
action-sell = 🔴 SELL
action-long = 🟢 LONG
action-short = 🔴 SHORT
action-close = ⚪ CLOSE
action-exit = ⚪ EXIT
action-stop = 🛑 STOP
action-cancel = 🚫 CANCEL

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
cmd-template = How alerts relayed to the chat look
cmd-lang = Change the language
cmd-help = What I can do
cmd-users = List users (admin)
cmd-user = Show one user (admin)
cmd-activate = Activate a user (admin)
cmd-deactivate = Deactivate a user (admin)
cmd-stats = System status (admin)

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
template-default = 📝 Relayed alerts use the default layout.
template-current = 📝 Your template for relayed alerts:
    <code>{ $template }</code>
template-usage =
    Set one with /template and the text, for example:
    <code>{ $example }</code>
    Fields: { $fields }, and any other field of your JSON alert by its name. A missing field is left empty. Plain text only (no HTML), at most { $max } characters. <code>/template off</code> goes back to the default layout.
template-saved = ✅ Template saved. Alerts relayed from your TradingView URL now look like this.
template-reset = ✅ Back to the default layout.
template-invalid = ❓ The template was not saved: { $error }.
template-preview = 👁 Preview on your last alert (#{ $id }):
template-no-alert = 👁 No alert has reached your URL yet, so there is nothing to preview.
url-rotate-confirm =
    ⚠️ <b>Replace your webhook URL?</b>
    The current URL stops working at once. You will have to paste the new one into every TradingView alert that uses it.
btn-rotate-yes = ✅ Yes, replace it
btn-rotate-no = ✖️ Cancel
url-rotated = ✅ <b>Your webhook URL has been replaced.</b> The old one no longer works.
url-public-url-warning =
    ⚠️ <b>Admins only:</b> TradingView cannot reach these URLs:
    { $reasons }
    Set <code>PUBLIC_URL</code> to this server's public https address (port 443 or 80) and restart Hookbot.
public-url-reason-unset = • PUBLIC_URL is not set, so they point at localhost
public-url-reason-loopback = • they point at this machine (localhost)
public-url-reason-private = • they point at a private or local-network address
public-url-reason-link-local = • they point at a link-local address
public-url-reason-port = • TradingView sends only to ports 80 and 443
public-url-reason-plain-http = • they use plain http, so their secret travels unencrypted

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
    /stats — users, events today, what is waiting, failures in the last hour

## Admin: /stats
stats-title = 📊 <b>Hookbot right now</b>
stats-users = 👥 Users: { $total } · active { $active } · inactive { $inactive } · blocked the bot { $blocked }
stats-events-title = 📥 <b>Events today</b> (provider · status)
stats-events-none = 📥 No events today.
stats-queues-title = 📦 <b>Waiting</b> (rows · oldest)
stats-failures-title = ⚠️ <b>Failures in the last hour</b>
stats-line = • <code>{ $name }</code>: { $count }
stats-queue-line = • <code>{ $name }</code>: { $count } · { $seconds } s

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

## FAL AI: /fal, and the results of FAL jobs (src/services/fal/relayFal.ts)
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

## WhatsApp (Green API) and Avito
cmd-connect = Connect WhatsApp or Avito
cmd-disconnect = Disconnect WhatsApp or Avito
cmd-whatsapp = WhatsApp status and URL
cmd-avito = Avito status and URL
help-messengers =
    <b>WhatsApp and Avito</b>
    /connect whatsapp — connect your Green API instance: its messages arrive here
    /connect avito — connect your Avito account: its chats arrive here
    /disconnect whatsapp, /disconnect avito — stop relaying and clear the webhook
    /whatsapp, /avito — status, personal URL, and a button to replace it
    Reply to a relayed message to answer the sender.
    /route whatsapp, /route avito — in a group you added me to: its messages arrive there, one topic per customer in a group with topics
    /answerers — who in that group may answer customers
    /q — quick replies: saved answers sent to a customer with one press (<code>/q help</code>)
connect-usage = What do you want to connect? Or send <code>/connect whatsapp</code> or <code>/connect avito</code>.
disconnect-usage = Usage: <code>/disconnect whatsapp</code> or <code>/disconnect avito</code>
cmd-route = Send WhatsApp or Avito messages to a group
cmd-answerers = Who in the group may answer customers
team-route-usage = Usage, in the group: <code>/route whatsapp</code> or <code>/route avito</code>; <code>/route whatsapp off</code> brings the messages back to your private chat.
team-route-in-group = ℹ️ Add me to a group as an admin (with “Manage topics” if it has topics), then send <code>{ $command }</code> there. { $service } messages will arrive in that group instead of here.
team-route-off = ✅ { $service } messages arrive in your private chat again.
team-route-was-private = ℹ️ { $service } messages already arrive in your private chat.
team-route-lost = ⚠️ I was removed from the group { $service } messages went to, so they arrive here again, the waiting ones included. Add me back as an admin and send /route there to move them again.
team-route-missing-rights =
    ❌ { $service } messages cannot come here yet. Make me an admin of this group with:
    { $rights }
    Then send the command again.
team-right-admin = admin rights (a bot that is not an admin does not see the team's messages)
team-right-topics = “Manage topics” (to open a topic for each customer)
team-route-done = ✅ { $service } messages now arrive in this group, { $where }.
team-route-done-forum = one topic per customer: write in a customer's topic to answer them
team-route-done-group = each as a message: reply to it to answer the customer
team-answerers-all = Every member of the group may answer customers.
team-answerers-owner = Only you may answer customers. Reply to a member's message with <code>/answerers …  add</code> to let them.
team-answerers-list = You and these members may answer customers: { $ids }.
team-answerers-usage = Usage, in the group: <code>/answerers whatsapp all</code> (every member), <code>only</code> (you alone), or as a reply to a member's message <code>add</code> or <code>remove</code>.
team-answerers-not-here = ℹ️ { $service } is not routed to this chat. Send <code>{ $command }</code> in the group first.
team-answerers-reply-needed = ℹ️ Send <code>{ $command }</code> as a reply to a message of that member.
team-not-allowed = ⛔ You may not answer { $service } customers here. Ask the owner to let you (<code>/answerers</code>).
team-reply-sent = ✅ Sent to { $service } · { $name }
cmd-notify = Loud, silent or paused WhatsApp and Avito messages
cmd-quiet = Quiet hours for WhatsApp or Avito messages
notify-usage =
    <b>Notifications</b>
    <code>/notify whatsapp loud</code> — with sound
    <code>/notify whatsapp silent</code> — without sound
    <code>/notify whatsapp pause</code> — keep them; <code>resume</code> delivers them all, in order
    <code>/quiet whatsapp 22:00-08:00 Europe/Moscow</code> — silent at night in your time zone; <code>/quiet whatsapp off</code>
    The same with <code>avito</code>.
notify-status = { $service }: { $mode }; { $quiet }
notify-mode-loud = 🔔 loud
notify-mode-silent = 🔕 silent
notify-mode-paused = ⏸ paused
notify-quiet = quiet hours { $hours } ({ $zone })
notify-quiet-none = no quiet hours
notify-set = ✅ { $service } messages: { $mode }.
notify-resumed = ▶️ { $count } kept messages are on their way, in the order they came.
quiet-usage = Usage: <code>/quiet whatsapp 22:00-08:00 Europe/Moscow</code> (the time zone is optional, UTC by default) or <code>/quiet whatsapp off</code>; the same with <code>avito</code>.
quiet-set = ✅ { $service } messages arrive silently from { $hours } ({ $zone }).
quiet-off = ✅ No quiet hours for { $service } any more.
quiet-bad-zone = ❌ Unknown time zone { $zone }. Use a name like <code>Europe/Moscow</code>, <code>Asia/Dubai</code> or <code>UTC</code>.
wa-ask-instance =
    🟢 <b>Connect WhatsApp (Green API)</b>
    Step 1 of 3: send the <b>idInstance</b> of your instance (a number, from console.green-api.com). Send /cancel to stop.
wa-bad-instance = ❌ The idInstance is a number, such as <code>1101000001</code>. Send it again, or /cancel.
wa-ask-token = Step 2 of 3: send the <b>apiTokenInstance</b>. I delete your message as soon as I have read it, and keep the token encrypted.
wa-bad-token-format = ❌ That does not look like an apiTokenInstance (letters and digits, usually 50 of them). Send it again, or /cancel.
wa-ask-url = Step 3 of 3: send the instance's <b>apiUrl</b> from the console (such as <code>https://1101.api.green-api.com</code>), or <code>-</code> to use <code>{ $url }</code>.
wa-bad-url = ❌ Send an address that starts with https://, or <code>-</code> for the default.
wa-checking = ⏳ Checking the instance and setting its webhook…
wa-connected =
    ✅ <b>WhatsApp connected</b> (instance <code>{ $instance }</code>, state: { $state }).
    Messages to this number now arrive here. Reply to one of them to answer in WhatsApp.
    Webhook URL: <code>{ $url }</code>
wa-not-authorized-hint = ⚠️ The phone is not linked yet (state: { $state }). Scan the QR code in the Green API console; messages arrive once it is linked.
wa-error-unauthorized = ❌ Green API refused this idInstance and apiTokenInstance. Check them in the console and send /connect whatsapp again. Nothing was saved.
wa-error-not-found = ❌ Green API knows no instance <code>{ $instance }</code> at this API URL. Check the apiUrl in the console and send /connect whatsapp again. Nothing was saved.
wa-error-unreachable = ❌ Could not reach Green API at <code>{ $url }</code>. Try again in a few minutes. Nothing was saved.
wa-error-rejected = ❌ Green API refused the request: { $detail }. Nothing was saved.
wa-error-not-kept = ❌ Green API accepted the webhook settings but did not keep them (<code>{ $setting }</code> kept its old value after 3 tries). Wait a minute and send /connect whatsapp again. Nothing was saved.
wa-disconnected = ✅ WhatsApp disconnected. The webhook was cleared at Green API.
wa-disconnected-not-cleared = ⚠️ WhatsApp disconnected here, but Green API could not be reached to clear the webhook: clear webhookUrl in the Green API console.
wa-not-connected = ℹ️ WhatsApp is not connected. Send /connect whatsapp to connect it.
wa-status =
    🟢 <b>WhatsApp</b>
    Instance: <code>{ $instance }</code>
    State: { $state }
    Webhook URL: <code>{ $url }</code>
wa-rotate-failed = ⚠️ A new URL was made, but Green API did not take it ({ $detail }). Send /connect whatsapp to set it again.
wa-from = 💬 <b>WhatsApp</b> · { $name } · <code>{ $phone }</code>
wa-from-group = 💬 <b>WhatsApp</b> · { $name } · <code>{ $phone }</code> · { $chat }
wa-location = 📍 { $place }
wa-contact = 👤 Contact: { $name }
wa-pending = ⏳ WhatsApp has not let me read this message yet (“Waiting for this message”). It follows here when it arrives; if it does not, ask the customer to send it again.
wa-pending-arrived = ✅ The message that was waiting arrived: it follows.
avito-ask-client-id =
    🟠 <b>Connect Avito</b>
    Step 1 of 2: send your <b>client_id</b> (Avito → profile → API integrations). I delete your message as soon as I have read it. Send /cancel to stop.
avito-ask-client-secret = Step 2 of 2: send your <b>client_secret</b>. I delete your message as soon as I have read it, and keep it encrypted.
avito-bad-credential = ❌ That does not look like an Avito key (letters, digits, - and _). Send it again, or /cancel.
avito-checking = ⏳ Getting a token, finding your account and subscribing the webhook…
avito-connected =
    ✅ <b>Avito connected</b> (account <code>{ $account }</code>). The webhook is subscribed: your chats arrive here. Reply to a message to answer in Avito.
    Webhook URL: <code>{ $url }</code>
avito-connected-polling =
    ✅ <b>Avito connected</b> (account <code>{ $account }</code>), but Avito did not confirm the webhook. I check your chats every { $seconds } s instead, and switch back to the webhook as soon as it delivers.
    Webhook URL: <code>{ $url }</code>
avito-error-unauthorized = ❌ Avito refused this client_id and client_secret. Check them and send /connect avito again. Nothing was saved.
avito-error-unreachable = ❌ Could not reach Avito. Try again in a few minutes. Nothing was saved.
avito-error-rejected = ❌ Avito refused the request: { $detail }. Nothing was saved.
avito-disconnected = ✅ Avito disconnected. The webhook was unsubscribed.
avito-disconnected-not-unsubscribed = ⚠️ Avito disconnected here, but Avito could not be reached to unsubscribe the webhook. It will be ignored.
avito-not-connected = ℹ️ Avito is not connected. Send /connect avito to connect it.
avito-status =
    🟠 <b>Avito</b>
    Account: <code>{ $account }</code>
    Webhook: { $webhook }
    Messages arrive by: { $mode }
    Last message: { $last }
    Webhook URL: <code>{ $url }</code>
avito-webhook-yes = ✅ subscribed
avito-webhook-no = ❌ not subscribed
avito-mode-push = webhook (push)
avito-mode-polling = 🔄 polling every { $seconds } s
avito-last-none = none yet
avito-from = 🟠 <b>Avito</b> · chat <code>{ $chat }</code>
avito-location = 📍 { $place }
avito-item = 📦 { $item }
avito-other = ℹ️ A message of type { $kind }: open Avito to see it.
reply-sent = ✅ Sent to { $service }.
reply-sent-split = ✅ Sent to { $service } as { $parts } messages (it takes at most 1,000 characters in one).
reply-failed = ❌ Not sent to { $service }: { $reason }
reply-not-connected = ❌ Not sent: { $service } is no longer connected. Send { $command } to connect it again.
reply-text-only = ℹ️ Only text, photos, documents, voice notes and videos can be sent back.
reply-avito-photos-only = ❌ Not sent: Avito takes only text and photos. Nothing was sent.
reply-file-too-big = ❌ Not sent: the file is { $size } MB, and at most { $limit } MB can pass through a bot. Nothing was sent.
reply-reason-unauthorized = the service refused the stored credentials; connect it again.
reply-reason-unreachable = the service could not be reached. Try again in a moment.
avito-from-buyer = 🟠 <b>Avito</b> · { $name } · { $item }
btn-connect-whatsapp = WhatsApp (Green API)
btn-connect-avito = Avito
## Trading — /settings, /keys, /orders and order outcomes
cmd-settings = Trading settings: market, amount, leverage, account
cmd-keys = Your Bybit API keys
cmd-orders = Your last signals and their orders
cmd-events = What reached your URLs, and what became of it
help-trading =
    <b>Trading on Bybit</b>
    /settings — market, amount, leverage, demo or real account, default symbol, guards (signal lag, price tolerance, maximum order value), sizing mode, default stop-loss and take-profits, confirm mode
    /keys — your Bybit API keys (demo and real are separate); <code>/keys delete</code> deletes them
    /orders — your last signals and what became of them
    /positions — open positions: entry, mark, size, unrealised PnL, a Close button each
    /balance — equity, available balance and coins
    /pnl — realised PnL today, over 7 and 30 days, per symbol, with win rate
    /summary — a daily summary at your hour: <code>/summary 21 Europe/Moscow</code>, <code>/summary off</code>
    /events — everything that reached your URLs and what became of it; a button replays one (a trade only after you confirm)
    /web — a live view of your events, orders and scrapes, in the browser or inside Telegram
    /template — how alerts relayed to this chat look; <code>/template off</code> for the default
    With a key for the account you trade on, every alert becomes an order on Bybit, followed here on a live card. Alert fields: <code>amount</code>, <code>qty</code>, <code>leverage</code>, <code>market</code>, <code>timestamp</code>, <code>price</code> (refused if further from the market than your tolerance); <code>sl</code>, <code>tp</code> (price, <code>"2%"</code> or a ladder <code>"1%:50% 3%:50%"</code>), <code>trailing</code>, <code>breakeven</code>; sizing <code>equity</code>, <code>available</code>, <code>risk</code> (<code>"1%"</code>, needs <code>sl</code>); <code>"type":"limit"</code> with <code>expiry</code>; <code>"confirm":true</code>; action <code>cancel</code>; <code>"add":true</code> adds to a position on the same side (else refused). An opening order worth more than your maximum order value is refused; a close never is.
    TradingView's default strategy message (<code>order buy @ 2 filled on ETHUSDT…</code>) is understood: the number after @ is contracts and is not used.
trade-market-spot = Spot
trade-market-linear = Futures (USDT perpetual)
trade-account-demo = Demo
trade-account-real = Real
trade-side-buy = Buy
trade-side-sell = Sell
trade-role-open = Opened
trade-role-close = Closed
trade-price-unknown = market
trade-order-line = • { $role }: { $side } <code>{ $qty }</code> { $symbol } at <code>{ $price }</code> · order ID <code>{ $orderId }</code>
trade-order-line-limit = • Limit: { $side } <code>{ $qty }</code> { $symbol } at <code>{ $price }</code>, waiting to fill · order ID <code>{ $orderId }</code>
trade-leverage = Leverage: <b>{ $leverage }x</b>
trade-limit-expiry = ⏳ Cancelled in { $minutes } min if not filled by then; you will be told.
trade-limit-expired = ⌛ <b>{ $symbol }</b>: the limit order { $side } <code>{ $qty }</code> at <code>{ $price }</code> reached its expiry after { $minutes } min and was cancelled on Bybit (filled: <code>{ $value }</code>).
trade-protection-sl = 🛑 Stop-loss: <code>{ $price }</code>
trade-protection-tp = 🎯 Take-profit: <code>{ $price }</code>
trade-protection-tp-step = 🎯 Take-profit { $step }: <code>{ $qty }</code> at <code>{ $price }</code>
trade-protection-trailing = 〰️ Trailing stop: <code>{ $distance }</code> behind the price
trade-protection-breakeven = ↔️ Stop to breakeven (<code>{ $entry }</code>) after the first take-profit: recorded; the stop is moved when Hookbot sees that take-profit fill.
trade-sizing-equity = 📐 Sized at { $percent } % of equity (<code>{ $balance }</code> USDT)
trade-sizing-available = 📐 Sized at { $percent } % of the available balance (<code>{ $balance }</code> USDT)
trade-sizing-risk = 📐 Sized to risk { $percent } % of equity (<code>{ $balance }</code> USDT) down to the stop <code>{ $price }</code>
trade-placed-title = ✅ <b>{ $action } { $symbol }</b>: order placed on Bybit ({ $market }, { $account } account)
trade-failed-title = ❌ <b>{ $action } { $symbol }</b>: no order placed ({ $market }, { $account } account)
trade-unprotected-title = ⚠️ <b>{ $action } { $symbol }</b>: position opened, but not all its protective orders were placed ({ $market }, { $account } account)
trade-expired-title = ⌛ <b>{ $action } { $symbol }</b>: alert refused as too old ({ $market }, { $account } account)
trade-nothing-title = ℹ️ <b>{ $action } { $symbol }</b>: nothing to do ({ $market }, { $account } account)
trade-cancelled-title = 🚫 <b>{ $action } { $symbol }</b>: { $count } open orders cancelled on Bybit ({ $market }, { $account } account). The position and its stop-loss and take-profits are left as they are.
trade-confirm-card = ✋ <b>{ $action } { $symbol }</b> ({ $market }, { $account } account): place it? Nothing is placed unless you press Execute within { $seconds } s.
trade-confirm-executed = ▶️ <b>{ $action } { $symbol }</b>: executing, the result follows.
trade-confirm-skipped = ⏭ <b>{ $action } { $symbol }</b>: skipped, nothing placed.
trade-confirm-expired = ⌛ <b>{ $action } { $symbol }</b>: not confirmed within { $seconds } s, so nothing was placed.
btn-trade-execute = ✅ Execute
btn-trade-skip = ⏭ Skip
callback-trade-executing = Executing.
callback-trade-skipped = Skipped: nothing placed.
callback-trade-expired = Too late: the card expired and nothing was placed.
callback-trade-decided = Already executed: it is placed once only.
callback-trade-missing = This card is not yours or no longer exists.
trade-partial = ⚠️ These orders of the alert were placed before it stopped:
trade-retrying = ⏳ <b>{ $action } { $symbol }</b>: Bybit is not answering. Retrying for up to { $minutes } min with the same order ID, so it can never be placed twice. You will get the result here.
trade-fill-title = ✅ <b>Filled</b>: { $side } <code>{ $qty }</code> { $symbol } at <code>{ $price }</code> ({ $market }, { $account } account)
trade-fill-stop-loss = 🛑 <b>Stop-loss hit</b>: { $side } <code>{ $qty }</code> { $symbol } at <code>{ $price }</code> ({ $market }, { $account } account)
trade-fill-take-profit = 🎯 <b>Take-profit hit</b>: { $side } <code>{ $qty }</code> { $symbol } at <code>{ $price }</code> ({ $market }, { $account } account)
trade-fill-trailing-stop = 🛑 <b>Trailing stop hit</b>: { $side } <code>{ $qty }</code> { $symbol } at <code>{ $price }</code> ({ $market }, { $account } account)
trade-fill-fee = Fee: <code>{ $fee }</code> · order ID <code>{ $orderId }</code>
trade-fill-late = ⏱ This happened while the connection to Bybit was down; it was looked up as soon as it was back.
trade-card-timeline = 🕒 Received { $received } · placed { $placed }
trade-card-filled = • Filled <code>{ $qty }</code> at <code>{ $price }</code> (average)
trade-card-protection = • Take-profit <code>{ $tp }</code> · stop-loss <code>{ $sl }</code>
trade-card-stop-moved = • Stop moved to <code>{ $price }</code>
trade-card-exit-take-profit = • 🎯 Take-profit { $index } hit: <code>{ $qty }</code> at <code>{ $price }</code>
trade-card-exit-stop-loss = • 🛑 Stop-loss hit: <code>{ $qty }</code> at <code>{ $price }</code>
trade-card-exit-trailing-stop = • 🛑 Trailing stop hit: <code>{ $qty }</code> at <code>{ $price }</code>
trade-card-exit = • Closed <code>{ $qty }</code> at <code>{ $price }</code>
trade-card-fees = • Fees so far: <code>{ $fees }</code> USDT
trade-card-closed = ✅ <b>Trade closed.</b> Realised PnL: <code>{ $pnl }</code> USDT, fees included.
btn-card-close = ✖️ Close position
btn-card-cancel = 🧹 Cancel orders
callback-card-busy = Already on it: one moment.
callback-card-closing = Closing the position at market. This card shows the result.
callback-card-nothing = There is no open position on this symbol to close.
callback-card-cancelled = Cancelled { $count } open order(s) on this symbol.
callback-card-failed = Bybit refused: { $problem }
callback-card-gone = This trade is closed.
trade-not-configured = 💡 Not traded: add your Bybit API key with /keys to have alerts placed as orders.
trade-reason-insufficient-balance = Not enough balance on Bybit for this order. Top up the account, or lower the amount or leverage in /settings.
trade-reason-qty-too-small = The quantity <code>{ $qty }</code> is below the symbol's minimum <code>{ $min }</code>. Raise the amount (or leverage) in /settings.
trade-reason-qty-too-large = The quantity <code>{ $qty }</code> is above the symbol's maximum for a market order <code>{ $max }</code>. Lower the amount in /settings.
trade-reason-qty-step = The quantity <code>{ $qty }</code> is not a multiple of the symbol's step <code>{ $step }</code>. Bybit may have changed the symbol's rules; the next alert is sized with the new ones.
trade-reason-notional-too-small = The order value <code>{ $value }</code> USDT is below the symbol's minimum <code>{ $min }</code> USDT. Raise the amount in /settings.
trade-reason-amount-too-large = The amount <code>{ $value }</code> USDT is above the symbol's maximum <code>{ $max }</code> USDT. Lower the amount in /settings.
trade-reason-nothing-to-sell = There is no { $coin } in your account to sell.
trade-reason-insufficient-holding = The alert asked to sell <code>{ $qty }</code> { $coin }, but the account holds only <code>{ $held }</code>.
trade-reason-invalid-key = Bybit refused the API key or secret. Check them, then enter them again with /keys.
trade-reason-key-expired = Your Bybit API key has expired. Create a new one on Bybit and enter it with /keys.
trade-reason-permission-denied = The API key is not allowed to do this. On Bybit, give it the Orders and Positions permissions (Contract/Unified Trading and Spot), then try again.
trade-reason-ip-not-allowed = The API key is restricted to other IP addresses than this server's. Add the server's IP to the key on Bybit.
trade-reason-unknown-symbol = Bybit has no such symbol for this market: { $detail }. Check the symbol in the alert or the market in /settings.
trade-reason-symbol-not-trading = The symbol is not trading on Bybit right now (status { $detail }).
trade-reason-timestamp = Bybit refused the request time: this server's clock is off. Tell the administrator to synchronise it.
trade-reason-leverage-invalid = Leverage { $value }x is not allowed for this symbol (maximum { $max }x). Change it in /settings.
trade-reason-nothing-to-close = There is no open position to close.
trade-reason-no-keys = No Bybit API key for this account. Add one with /keys, or switch the account in /settings.
trade-reason-no-symbol = The alert has no symbol and no default symbol is set. Add <code>symbol</code> to the alert, or set a default symbol in /settings.
trade-reason-stale = The alert was { $value } s old, more than your maximum of { $max } s, so it was not traded. Change the limit in /settings.
trade-reason-expired = Bybit could not be reached for { $value } s, so the alert was given up rather than traded late. Nothing was placed.
trade-reason-exchange-down = Bybit did not answer. Try again in a few minutes.
trade-reason-exchange-error = Bybit refused the order: { $detail }
trade-reason-key-read-only = The API key is read-only, so it cannot place orders. Create a key with trading permissions.
trade-reason-key-no-trade = The API key has no trading permission. On Bybit, allow Orders and Positions (or Spot trading) for it.
trade-reason-price-off-market = The alert's price <code>{ $price }</code> is { $deviation } % away from the market price <code>{ $marketPrice }</code>, more than your tolerance of { $tolerance } %, so no order was sized from it. Check the alert's <code>price</code> (it must be this symbol's price, such as the chart's close), or change the tolerance in /settings.
trade-reason-order-value-too-large = The order would be worth <code>{ $value }</code> USDT, more than your maximum of <code>{ $max }</code> USDT per order, so it was not placed. Lower the amount, leverage or <code>qty</code>, or raise the maximum in /settings.
trade-reason-strategy-partial-exit = This is TradingView's default strategy message for a partial exit (the strategy's new position is { $position }). Its contracts are not used for sizing, so nothing was placed. To close part of a position, send a JSON alert with <code>qty</code>.
trade-reason-tp-wrong-side = The take-profit <code>{ $price }</code> is not on the profit side of the entry <code>{ $marketPrice }</code> (above it for a long, below it for a short), so nothing was placed. Check <code>tp</code>.
trade-reason-sl-wrong-side = The stop-loss <code>{ $price }</code> is on the wrong side of the entry <code>{ $marketPrice }</code> (below it for a long, above it for a short), so nothing was placed. Check <code>sl</code>.
trade-reason-tp-rung-too-small = Take-profit step { $value } would close <code>{ $qty }</code>, less than the symbol's minimum quantity <code>{ $min }</code>, so nothing was placed: neither the position nor any step. Use fewer steps, larger sizes or a larger amount.
trade-reason-trailing-too-small = The trailing stop distance <code>{ $value }</code> is smaller than the symbol's price step <code>{ $step }</code>, so nothing was placed.
trade-reason-breakeven-needs-tp = Moving the stop to breakeven after the first take-profit needs a take-profit (<code>tp</code>), so nothing was placed.
trade-reason-spot-protection = On spot, Bybit attaches a take-profit or stop-loss only to limit orders, and has no take-profit ladder or trailing stop, so this market buy was not placed. Remove <code>sl</code>, <code>tp</code>, <code>trailing</code> and <code>breakeven</code> from the alert (or the protection defaults in /settings), or trade futures.
trade-reason-protection-failed = Bybit refused a protective order: { $detail }. The position is open: set its stop-loss or take-profit on Bybit yourself, or close it.
trade-reason-risk-needs-stop = Risk sizing ({ $value } % of equity to the stop) needs a stop-loss: the size is equity × risk % / |entry − stop|. Add <code>sl</code> to the alert or a default stop-loss in /settings. On spot, where a market order cannot carry a stop, size by amount or % of equity instead. Nothing was placed.
trade-reason-limit-protection = A take-profit ladder or a trailing stop needs an open position, which a limit order is not until it fills, so nothing was placed. With a limit order use a single <code>sl</code> and <code>tp</code>, or send a market order.
trade-reason-nothing-to-cancel = There are no open orders of this symbol to cancel.
trade-reason-position-already-open = You already hold a position on this side (<code>{ $qty }</code>): this looks like a second alert in the same direction with no close in between (a close alert missed, or an alert fired twice), so nothing was placed. To add to the position on purpose, send the alert with <code>"add": true</code>; if a close was missed, close the position first (the card's button or a <code>close</code> alert).
reconcile-side-long = long
reconcile-side-short = short
reconcile-closed-outside = ⚠️ <b>{ $symbol }: your { $side } was closed outside Hookbot</b> (in the Bybit app or website, or by a liquidation), not by an alert or a stop Hookbot set. Hookbot now counts the position as closed: the next buy or sell alert opens a new one. If that was not you, check the account on Bybit.
reconcile-grew-outside = ⚠️ <b>{ $symbol }: your { $side } grew outside Hookbot</b> by <code>{ $qty }</code> (an order Hookbot did not place). Hookbot's take-profits and stop still cover only what it opened. If that was not meant, reduce the position on Bybit or close it with the card's button.
reconcile-side-differs = ⚠️ <b>{ $symbol }: Bybit holds a { $actual } of <code>{ $size }</code></b>, but your last alert left a { $expected }. An alert was probably missed, or the position was changed outside Hookbot. Check the alert log in TradingView and the position on Bybit; Hookbot will not add to a position on the same side unless the alert says <code>"add": true</code>.
reconcile-missed-alert = ⚠️ <b>{ $symbol }: a close alert found no position</b>, while your last alert left a { $side } open. It was closed outside Hookbot while Hookbot could not see it, or an alert in between was missed. Check the alert log in TradingView and the position on Bybit; Hookbot now counts the position as closed.
trade-card-breakeven-failed = • ⚠️ The stop could not be moved to breakeven: { $detail }. The earlier stop stays; move it in the Bybit app if you want it.
trade-order-cancelled-outside = 🚫 <b>Order cancelled on Bybit</b>, not by Hookbot: { $side } <code>{ $qty }</code> { $symbol } at <code>{ $price }</code> ({ $market }; filled <code>{ $filled }</code>; { $reason }; order ID <code>{ $orderId }</code>). Nothing else was changed; place it again if you still want it.
trade-order-rejected-outside = 🚫 <b>Order rejected by Bybit</b>: { $side } <code>{ $qty }</code> { $symbol } at <code>{ $price }</code> ({ $market }; reason: { $reason }; order ID <code>{ $orderId }</code>). Nothing was placed for it.
trade-note-strategy-default = ℹ️ This alert is TradingView's default strategy message: "@ { $contracts }" is the number of contracts, not a price, so it was not used. The order was sized from your /settings at the market price. For other sizes, use a JSON alert message with <code>amount</code> or <code>qty</code>.
keys-title = 🔑 <b>Your Bybit API keys</b>
keys-line = { $account }: <code>{ $key }</code> · saved { $date } · IP: { $ips }
keys-line-missing = { $account }: not set
keys-ips-any = any (not restricted)
keys-help = Keys are checked with Bybit before they are saved and stored encrypted; only a masked key is ever shown. Create a key on Bybit (API management) with Orders and Positions permissions; for the demo account, create it in Bybit's demo trading.
btn-keys-set = Add { $account } key
btn-keys-replace = Replace { $account } key
btn-keys-delete = Delete { $account } key
keys-ask-key = 🔑 Send the <b>API key</b> of your { $account } Bybit account. I will delete your message right away. /cancel to stop.
keys-ask-secret = 🔑 API key <code>{ $key }</code> received. Now send the <b>API secret</b>. I will delete your message right away. /cancel to stop.
keys-usage = Usage: <code>/keys</code>, <code>/keys demo</code>, <code>/keys real</code>, <code>/keys delete</code> or <code>/keys delete demo</code>
keys-deleted = 🗑 Deleted. Alerts are not traded without a key for the account you use.
keys-none-deleted = ℹ️ There was no key to delete.
callback-key-deleted = Key deleted.
keys-delete-yourself = ⚠️ I could not delete your message with the secret: please delete it yourself.
keys-bad-format = ❓ That does not look like a Bybit key or secret (letters and digits only). Send it again, or /cancel.
keys-refused = ❌ The { $account } key was not saved.
keys-try-again = Send /keys to try again.
keys-saved = ✅ { $account } key <code>{ $key }</code> checked with Bybit and saved (encrypted).
keys-ip-restricted = 🔒 It works only from these IP addresses: { $ips }.
keys-ip-open = ⚠️ It is not restricted to an IP address. Bybit lets such keys expire after 90 days; restricting it to this server's IP is safer.
keys-other-account = ℹ️ You trade on the { $account } account now; switch it in /settings to use this key.
settings-title = ⚙️ <b>Trading settings</b>
settings-market = Market: <b>{ $market }</b>
settings-amount = Amount per trade: <b>{ $amount } USDT</b>
settings-sizing = Sizing: <b>{ $sizing }</b>
settings-sizing-fixed = the fixed amount per trade
settings-sizing-equity = { $percent } % of equity
settings-sizing-available = { $percent } % of the available balance
settings-sizing-risk = risk { $percent } % of equity to the stop-loss
settings-leverage = Leverage: <b>{ $leverage }x</b> (futures only)
settings-account = Account: <b>{ $account }</b>
settings-symbol = Default symbol: <b>{ $symbol }</b>
settings-lag = Maximum signal lag: <b>{ $lag }</b>
settings-tolerance = Price tolerance: <b>{ $tolerance }</b> (an alert price further from the market is refused)
settings-max-value = Maximum order value: <b>{ $max }</b> (opening orders; closing is never refused)
settings-protection = Protection: <b>{ $protection }</b> (default stop-loss, take-profits, trailing stop)
settings-confirm = Confirm before placing: <b>{ $state }</b> (an Execute / Skip card, { $seconds } s to decide)
settings-confirm-on = on
settings-default-mark = (default)
settings-none = none
settings-off = off
settings-seconds = { $seconds } s
settings-spot-note = On spot, buy spends the amount in USDT and sell sells the coin you hold.
settings-real-warning = ⚠️ Real account: alerts trade with real money.
settings-no-key = 🔑 No API key for the { $account } account yet: add one with /keys, or alerts are only shown, not traded.
btn-set-market = Switch to { $market }
btn-set-account = Switch to { $account }
btn-set-amount = Amount
btn-set-leverage = Leverage
btn-set-symbol = Default symbol
btn-set-lag = Signal lag
btn-set-tolerance = Price tolerance
btn-set-max-value = Max order value
btn-set-protection = 🛡 Stop-loss / take-profit
btn-set-sizing = 📐 Sizing
btn-set-confirm-on = ✋ Confirm each alert
btn-set-confirm-off = ⚡ Place alerts at once
callback-saved = Saved.
settings-ask-amount = 💵 Send the amount per trade in USDT, for example <code>25</code>. /cancel to stop.
settings-ask-leverage = 📈 Send the leverage as a whole number, for example <code>5</code>. /cancel to stop.
settings-ask-symbol = 🔤 Send the default symbol for alerts without one, for example <code>BTCUSDT</code>, or <code>-</code> for none. /cancel to stop.
settings-ask-lag = ⏱ Send the maximum age of an alert in seconds (5 to 86400): older alerts are refused, not traded. Send <code>off</code> to turn this off. It uses the alert's <code>timestamp</code> field, else the time it arrived. /cancel to stop.
settings-ask-tolerance = 🎯 Send the price tolerance in percent, for example <code>3</code>: an alert whose <code>price</code> is further than this from the market's last price is refused. Send <code>default</code> for the server's default. /cancel to stop.
settings-ask-max-value = 🛡 Send the most one opening order may be worth, in USDT, for example <code>5000</code>. Send <code>default</code> for the server's default. /cancel to stop.
settings-ask-protection =
    🛡 Send the default protection for every opening order, as percentages from the entry, for example:
    <code>sl 1.5% tp 3%</code>
    <code>sl 2% tp 1%:50% 3%:50% breakeven</code> (a take-profit ladder: level:share of the position; then the stop moves to the entry after the first take-profit)
    <code>trailing 0.5%</code>
    Send <code>off</code> for none. An alert's own <code>sl</code>, <code>tp</code>, <code>trailing</code>, <code>breakeven</code> replace these. /cancel to stop.
settings-ask-sizing =
    📐 Send how to size opening orders:
    <code>25</code> — 25 USDT each (the amount)
    <code>10% equity</code> or <code>10% available</code> — a share of the account's equity or available balance (the margin on futures, the spend on spot)
    <code>1% risk</code> — lose at most 1 % of equity if the stop-loss is hit (needs a stop-loss)
    <code>fixed</code> — back to the amount.
    An alert may say <code>"equity":"10%"</code>, <code>"available":"10%"</code> or <code>"risk":"1%"</code> instead. Every size still passes your maximum order value. /cancel to stop.
settings-saved = ✅ Saved.
settings-bad-amount = ❓ The amount must be a number above 0 and at most { $max } USDT. Send it again, or /cancel.
settings-bad-leverage = ❓ The leverage must be a whole number from 1 to { $max }. Send it again, or /cancel.
settings-bad-symbol = ❓ "{ $symbol }" is not a symbol. Send one like <code>BTCUSDT</code>, or /cancel.
settings-exchange-down = ⏳ Bybit is not answering, so the symbol could not be checked. Send it again in a moment, or /cancel.
settings-unknown-symbol = ❓ Bybit has no { $symbol } on { $market }. Send another symbol, or /cancel.
settings-bad-lag = ❓ Send a whole number of seconds from 5 to 86400, or <code>off</code>. Or /cancel.
settings-bad-tolerance = ❓ Send a percentage from { $min } to { $max }, or <code>default</code>. Or /cancel.
settings-bad-max-value = ❓ Send a number of USDT above 0 and at most { $max }, or <code>default</code>. Or /cancel.
settings-bad-protection = ❓ { $error }. Send it like <code>sl 1.5% tp 1%:50% 3%:50%</code>, or <code>off</code>. Or /cancel.
settings-bad-sizing = ❓ { $error }. Send <code>25</code>, <code>10% equity</code>, <code>10% available</code>, <code>1% risk</code> or <code>fixed</code>. Or /cancel.
orders-empty = 📭 No signals yet. Alerts sent to your URL while you have a Bybit key appear here.
orders-title = 📋 <b>Your last { $count } signals</b>
orders-line = • { $date } · { $action } <b>{ $symbol }</b> — { $result }
orders-placed = ✅ placed <code>{ $qty }</code> at <code>{ $price }</code> (order <code>{ $orderId }</code>)
orders-status-rejected = ❌ not placed
orders-status-expired = ⌛ refused
orders-status-nothing = ℹ️ nothing to do
orders-status-skipped = ⏸ skipped (account inactive)
orders-status-pending = ⏳ waiting for Bybit
orders-replay = ↻ replay of #{ $id }
events-empty = 📭 Nothing has reached your personal URLs yet. Send an alert or a message to one of them and it appears here.
events-page-empty = 📭 No older events.
events-title = 🧾 <b>What reached your URLs</b>, newest first (page { $page })
events-head = <b>#{ $id }</b> · { $provider } · { $date }
events-refused-head = 🚫 <b>{ $provider }</b> · { $date }
events-replay-of = ↻ replay of #{ $id }
events-what-alert = { $action } <b>{ $symbol }</b>
events-what-message = 💬 message from <b>{ $sender }</b>
events-what-whatsapp-state = 📶 WhatsApp status: { $state }
events-what-fal = 🎨 job <b>{ $job }</b>: { $status }
events-result-relayed = ✅ relayed to this chat
events-result-nothing = ℹ️ nothing to show in the chat
events-result-no-keys = ✅ relayed to this chat, no order: you have no Bybit key (/keys)
events-result-pending = ⏳ still pending
events-result-inactive = ⏸ not acted on: your account was inactive
events-result-failed = ❌ failed: { $error }
events-result-trade-pending = ⏳ order waiting for Bybit
events-result-placed = ✅ order placed: <code>{ $qty }</code> at <code>{ $price }</code> (order <code>{ $orderId }</code>)
events-result-trade-refused = { $status }: { $reason }
events-refused-reason = ❌ refused (HTTP { $status }): { $reason }
events-refused-body = The body started with ({ $bytes } bytes in all):
events-refused-no-body = The body was empty.
events-duplicate = 🔁 a resend of #{ $id }: not acted on again
events-duplicate-unknown = 🔁 a resend of an earlier request: not acted on again
btn-replay = ↻ Replay #{ $id }
event-replay-mark = ↻ <i>Replay of event #{ $id }</i>
replay-confirm = ↻ <b>Replay event #{ $id } as a new trade?</b>
    { $what }
    It is placed with your current settings and keys, as a new order.
btn-replay-execute = ✅ Execute
btn-replay-skip = ✖️ Skip
replay-started = ↻ Event #{ $id } is replayed as event #{ $newId }.
replay-skipped = ✖️ Replay of event #{ $id } skipped: nothing was placed.
callback-replay-started = Replaying event #{ $id } as #{ $newId }.
callback-replay-done = Already replayed.
callback-replay-skipped-before = This replay was already skipped.
callback-replay-missing = This event is no longer available.
keys-private-only = 🔒 Send /keys to me in a private chat: API keys do not belong in a group.

## Google Maps scrapes: bot/features/scrape.ts, src/services/scraper/
cmd-scrape = Scrape places from Google Maps
cmd-scrapenew = Scrape places you do not have yet
cmd-cancel = Stop your running scrape
cmd-apikey = Your HTTP API key and webhook secret
scrape-usage =
    🔎 <b>Scrape Google Maps</b>
    Send /scrape, what to look for, and how many places (1 to { $max }), for example:
    <code>/scrape restaurants in Cairo 20</code>
    A whole area, beyond Maps' 120 results: what, a bar, then a place or a box (south,west,north,east), and optionally a cell size in km:
    <code>/scrape cafes | Kazan</code>
    <code>/scrape cafes | 55.70,49.00,55.85,49.27 | 2</code>
scrape-too-many = ⏳ You already have { $count } scrapes queued or running. Wait for one to finish, or stop it with /cancel.
scrape-progress =
    🔎 <b>{ $query }</b>
    { $bar } { $done }/{ $total }
    { $phase } · links found: { $found } · { $seconds } s
scrape-progress-area =
    🗺 <b>{ $query }</b>
    { $bar } cells: { $cellsDone }/{ $cellsTotal }
    { $phase } · places: { $done } (about { $total } expected) · { $seconds } s
scrape-area-refused = ❌ This area cannot be searched: { $error }
scrape-phase-queued = ⏳ waiting for a free worker
scrape-phase-searching = 🌐 opening Google Maps
scrape-phase-running = ⚙️ extracting places
scrape-phase-completed = ✅ finished
scrape-phase-failed = ❌ failed
scrape-phase-cancelled = ⏹ stopped
scrape-card-closed-permanently = ⛔ <b>Permanently closed</b>
scrape-card-closed-temporarily = ⏸ <b>Temporarily closed</b>
scrape-csv-caption = 📄 <b>{ $query }</b>: places in this file: { $count }
scrape-summary =
    ✅ <b>Done</b>: <b>{ $query }</b>, places: { $count }, in { $seconds } s.
    📞 with a phone: { $phones } · 🌐 with a website: { $websites } · ✉️ with an e-mail: { $emails }
scrape-cancelled = ⏹ The scrape of <b>{ $query }</b> was stopped. Places found before that: { $count }.
scrape-error-blocked = ❌ Google Maps is blocking automated searches from this server right now, so the scrape of <b>{ $query }</b> stopped (places found: { $count }). Please try again later.
scrape-error-browser = ❌ The scrape of <b>{ $query }</b> could not start: there is no Chromium browser on the server. The administrator can install one with <code>npx playwright install chromium</code> or set CHROMIUM_PATH.
scrape-error-other = ❌ The scrape of <b>{ $query }</b> failed (places found: { $count }): { $error }
cancel-none = There is no scrape to stop.
cancel-requested = ⏹ Stopping the scrape of <b>{ $query }</b>…
apikey-message =
    🔑 <b>Your HTTP API key</b>, shown only this once: keep it secret.
    <code>{ $key }</code>

    ✍️ <b>Webhook signing secret</b> (Standard Webhooks): check the <code>webhook-signature</code> of every request we send you with it.
    <code>{ $secret }</code>

    Start a scrape with <code>POST { $base }/scrape</code>, the header <code>Authorization: Bearer &lt;key&gt;</code> and a JSON body such as:
    <code>{ $example }</code>
apikey-existing =
    🔑 Your HTTP API key starts with <code>{ $prefix }</code>. A key is shown only when it is made; press the button for a new one (the old one stops working at once).

    ✍️ <b>Webhook signing secret</b> (Standard Webhooks):
    <code>{ $secret }</code>
btn-new-apikey = 🔄 New API key
callback-apikey-new = A new API key was made; the old one no longer works.
help-scrape =
    <b>Google Maps</b>
    /scrape &lt;what&gt; &lt;how many&gt; — for example <code>/scrape restaurants in Cairo 20</code> (at most { $max }): every place is sent here as soon as it is found, then a CSV file
    /scrapenew &lt;what&gt; &lt;how many&gt; — the same, leaving out places you already got from earlier scrapes
    /scrape &lt;what&gt; | &lt;place or south,west,north,east&gt; [| &lt;cell km&gt;] — a whole area, cell by cell, beyond the 120 results of one search, for example <code>/scrape cafes | Kazan</code>
    /scrape &lt;links or place ids&gt; — enrich a list you have: each Google Maps place link or id (ChIJ…) is opened directly
    /watch &lt;what&gt; &lt;how many&gt; — run a search daily or weekly and get only new, changed or closed places
    /watches — your watches: pause, resume or delete them
    /cancel — stop your running scrape
    /apikey — your key for the HTTP API (<code>POST /scrape</code>) and the secret that signs our webhooks
## Trading — /positions, /balance, /pnl and the daily summary (/summary)
cmd-positions = Open positions, with a Close button each
cmd-balance = Your Bybit balance: equity, available, coins
cmd-pnl = Realised PnL: today, 7 and 30 days, per symbol
cmd-summary = A daily summary at your hour
account-read-failed = ❌ Could not read your { $account } account on Bybit. { $reason }
account-reason-no-keys = No Bybit API key for this account. Add one with /keys, or switch the account in /settings.
account-reason-invalid-key = Bybit refused the API key or secret. Check them, then enter them again with /keys.
account-reason-key-expired = Your Bybit API key has expired. Create a new one on Bybit and enter it with /keys.
account-reason-permission-denied = The API key is not allowed to do this. On Bybit, give it the Positions, Orders and Wallet permissions (Unified Trading), then try again.
account-reason-ip-not-allowed = The API key is restricted to other IP addresses than this server's. Add the server's IP to the key on Bybit.
account-reason-timestamp = Bybit refused the request time: this server's clock is off. Tell the administrator to synchronise it.
account-reason-exchange-down = Bybit did not answer. Try again in a few minutes.
account-reason-exchange-error = Bybit answered with an error: { $detail }
positions-title = 📊 <b>Open positions</b> (futures, { $account } account)
positions-page = Page { $page } of { $pages } ({ $count } positions)
positions-line = <b>{ $symbol }</b> · { $side } <code>{ $size }</code> · { $leverage }x
positions-line-prices = Entry <code>{ $entry }</code> · mark <code>{ $mark }</code> · unrealised PnL <code>{ $pnl }</code> USDT
positions-side-long = Long
positions-side-short = Short
positions-none = 📭 No open futures positions.
positions-total-upl = Unrealised PnL in total: <code>{ $pnl }</code> USDT
positions-spot-note = 🪙 Spot has no positions: what you bought is held as coins.
positions-spot-coin = • { $coin }: <code>{ $amount }</code>
positions-spot-none = No coins other than USDT.
btn-position-close = ✖️ Close { $symbol } { $side }
btn-positions-prev = ◀️ Back
btn-positions-next = More ▶️
callback-position-closed = Closing { $symbol } at market.
callback-position-busy = Already closing this position: one moment.
callback-position-nothing = Nothing is open on this { $symbol } position any more: it was closed already. Send /positions for what is open now.
callback-position-failed = Not closed: see the chat.
position-closed = ✅ <b>{ $symbol }</b> closed with a reduce-only market order: { $side } <code>{ $qty }</code> at <code>{ $price }</code> · order ID <code>{ $orderId }</code> ({ $account } account)
balance-title = 💰 <b>Balance</b> (unified account, { $account })
balance-equity = Equity: <code>{ $value }</code> USD
balance-available = Available: <code>{ $value }</code> USD
balance-wallet = Wallet balance: <code>{ $value }</code> USD
balance-upl = Unrealised PnL (futures): <code>{ $value }</code> USD
balance-coins = <b>Coins</b>
balance-no-coins = No coins with a balance.
balance-coin = • { $coin }: <code>{ $amount }</code>
balance-coin-usd = • { $coin }: <code>{ $amount }</code> (≈ <code>{ $usd }</code> USD)
pnl-title = 📈 <b>Realised PnL</b> (futures, { $account } account, from Bybit's closed PnL, fees included)
pnl-zone-own = Days start at midnight in { $zone }.
pnl-zone-quiet-hours = Days start at midnight in { $zone } (your quiet hours' time zone; set another with /summary zone).
pnl-zone-default = Days start at midnight UTC. Set your time zone with <code>/summary zone Europe/Moscow</code> (your zone's name).
pnl-period-today = Today
pnl-period-yesterday = Yesterday
pnl-period-week = 7 days
pnl-period-month = 30 days
pnl-line = <b>{ $period }</b>: <code>{ $pnl }</code> USDT · trades: { $trades } · won: { $rate } %
pnl-line-empty = <b>{ $period }</b>: no closed trades
pnl-symbol = • { $symbol }: <code>{ $pnl }</code> USDT · trades: { $trades }
pnl-more = • and { $count } more symbols
summary-usage =
    🗓 <b>Daily summary</b>: realised PnL, open positions and balance, once a day at your hour.
    <code>/summary 21</code> — every day at 21:00 in your time zone
    <code>/summary 21 Europe/Moscow</code> — and set the time zone
    <code>/summary zone Asia/Dubai</code> — only the time zone (/pnl counts days in it too)
    <code>/summary off</code> — no summary
summary-status-on = Now: every day at { $hour } ({ $zone }).
summary-status-off = Now: off (time zone { $zone }).
summary-set = ✅ Daily summary every day at { $hour } ({ $zone }). Turn it off with /summary off.
summary-off = ✅ Daily summary off.
summary-zone-set = ✅ Time zone: { $zone }. /pnl and the daily summary count days in it.
summary-bad-zone = ❓ Unknown time zone “{ $zone }”. Use a name such as <code>Europe/Moscow</code>, <code>Asia/Dubai</code> or <code>UTC</code>.
summary-title = 🗓 <b>Daily summary</b> · { $day } ({ $zone }) · { $account } account
summary-positions = Open positions: { $count }
summary-position = • { $symbol } { $side } <code>{ $size }</code> · unrealised PnL <code>{ $pnl }</code> USDT
summary-positions-none = No open futures positions.
summary-balance = Equity <code>{ $equity }</code> USD · available <code>{ $available }</code> USD
summary-footer = /positions · /pnl · /balance — <code>/summary off</code> stops this message.
cmd-q = Quick replies: saved answers for WhatsApp and Avito customers
btn-quick-reply = ⚡ Quick reply
btn-qr-close = ✖ Close
qr-no-connection = ℹ️ Quick replies belong to a WhatsApp or Avito connection, and you have none. Connect one with <code>/connect whatsapp</code> or <code>/connect avito</code>.
qr-which = ℹ️ You have WhatsApp and Avito connected: say which, e.g. <code>/q add whatsapp hello Hello! How can I help?</code>
qr-list-empty = ℹ️ No quick replies for { $service } yet.
qr-list-title = ⚡ <b>Quick replies for { $service }</b> ({ $count } of { $limit }):
qr-list-hint = Add: <code>/q add name text</code> · delete: <code>/q del name</code> · send: <code>/q name</code> in a customer's topic or as a reply to their message, or the “Quick reply” button under it.
qr-usage =
    <b>Quick replies</b> (up to { $limit } per connection, { $max } characters each)
    <code>/q add hello Hello! How can I help?</code> — save an answer
    <code>/q list</code> — your answers
    <code>/q del hello</code> — delete one
    <code>/q hello</code> — send it, in a customer's topic or as a reply to their message
    With both WhatsApp and Avito connected, name the service: <code>/q add avito hello …</code>
qr-add-usage = ℹ️ Usage: <code>/q add name text</code> (the text may have several lines, up to { $max } characters).
qr-del-usage = ℹ️ Usage: <code>/q del name</code>
qr-name-empty = ❌ The answer needs a name.
qr-name-too-long = ❌ The name is too long: at most { $max } characters.
qr-name-characters = ❌ A name is one word: letters, digits, <code>_</code> and <code>-</code>.
qr-name-reserved = ❌ That word is a command of <code>/q</code>: choose another name.
qr-add-saved = ✅ Quick reply <code>{ $name }</code> saved for { $service }.
qr-add-replaced = ✅ Quick reply <code>{ $name }</code> for { $service } replaced.
qr-add-full = ❌ { $service } already has { $limit } quick replies, the most it keeps. Delete one first (<code>/q del name</code>).
qr-add-empty = ❌ The answer has no text.
qr-add-too-long = ❌ The text has { $length } characters; a quick reply takes at most { $max }.
qr-deleted = ✅ Quick reply <code>{ $name }</code> deleted from { $service }.
qr-del-unknown = ℹ️ { $service } has no quick reply named <code>{ $name }</code>.
qr-not-here = ⛔ { $service } customers are not answered from this chat.
qr-send-where = ℹ️ Send <code>/q name</code> in a customer's topic, or as a reply to their message.
qr-unknown = ❌ No quick reply named <code>{ $name }</code> for { $service }. Saved: { $names }
callback-qr-gone = This message can no longer be answered.
callback-qr-already-sent = Already sent.
callback-qr-sent = Sent.
team-route-demoted = ⚠️ I am no longer an admin with the rights I need in the group { $service } messages went to, so they arrive here again, the waiting ones included. Make me an admin again (with “Manage topics” if the group has topics) and send /route there to move them again.
health-wa-not-authorized = ⚠️ WhatsApp instance <code>{ $instance }</code> logged out: the phone was unlinked, and no messages arrive. What to do: open the Green API console and scan its QR code with WhatsApp on the phone (Linked devices). I will tell you when it works again.
health-wa-blocked = ⛔ WhatsApp blocked the number of instance <code>{ $instance }</code>: messages can be neither received nor sent. What to do: check the number in WhatsApp on the phone, and ask WhatsApp or Green API support if it stays blocked.
health-wa-sleep = ⚠️ The phone of WhatsApp instance <code>{ $instance }</code> is offline (sleep mode), so no messages arrive. What to do: turn the phone on, connect it to the internet and open WhatsApp.
health-wa-state-other = ⚠️ WhatsApp instance <code>{ $instance }</code> is in state { $state } instead of authorized, so messages may not arrive. What to do: check the instance in the Green API console, and restart it there if it stays so.
health-wa-silent = ⚠️ { $count } WhatsApp messages reached Green API but not me, although the phone is online (instance <code>{ $instance }</code>): its webhooks stopped. What to do: check the instance's webhook settings in the Green API console, or send /connect whatsapp again to set them.
health-wa-credentials = ⚠️ Green API refuses the stored token of instance <code>{ $instance }</code>, so nothing can be checked or sent. What to do: send /connect whatsapp with the current apiTokenInstance.
health-avito-unsubscribed = ⚠️ Avito no longer sends new messages to my webhook: the subscription is gone. Until it is back I fetch them every { $seconds } seconds, and I keep asking Avito to subscribe again. If this stays, check the app's messenger access at developers.avito.ru, or send /connect avito again.
health-avito-credentials = ⚠️ Avito refuses the stored client_id and client_secret, so no messages can be fetched. What to do: send /connect avito with the current keys.
health-recovered = ✅ { $service } works again: messages arrive as usual.
cmd-web = Live view of your events, orders and scrapes
web-intro = 🌐 <b>Live view</b>: your events, orders and scrapes as they happen, with a sound for each new WhatsApp or Avito message. Open it with the button below.
web-link = Or open it in a browser (the link works for { $minutes } minutes; do not share it):
    { $url }
web-needs-https = ℹ️ The in-Telegram button needs the server's PUBLIC_URL on https; until then use the link.
btn-web-open = 🌐 Open the live view
webview-title = Live view
webview-tab-events = Events
webview-tab-orders = Orders
webview-tab-scrapes = Scrapes
webview-sound-on = Sound on
webview-sound-off = Muted
webview-live = live
webview-reconnecting = reconnecting…
webview-refused = Not allowed:
webview-too-many = too many open views
webview-empty-events = Nothing has reached your personal URLs yet. Send an alert or a message to one and it appears here at once.
webview-empty-orders = No orders yet.
webview-empty-scrapes = No scrapes yet. Start one with /scrape in the bot.
webview-col-when = Started
webview-col-query = Search
webview-col-status = Status
webview-col-results = Results
webview-col-finished = Finished
webview-scrape-queued = queued
webview-scrape-running = running
webview-scrape-completed = done
webview-scrape-failed = failed
webview-scrape-cancelled = cancelled

## Watches and place lists: bot/features/watch.ts, src/services/watches/
cmd-watch = Watch a search for new or changed places
cmd-watches = Your watches
watch-usage =
    👁 <b>Watch a search</b>
    Send /watch, what to look for, and how many places to check (1 to { $max }), for example:
    <code>/watch dentists in Cairo 50</code>
    Each run sends only the places that are new, changed (phone, website, rating) or closed since the last one.
watch-ask = 👁 How often should I check <b>{ $query }</b> ({ $count } places)? Times are { $zone }.
watch-btn-daily = Daily { $time }
watch-btn-weekly = Weekly { $time }
watch-started =
    👁 Watching <b>{ $query }</b>: { $schedule }.
    The first run starts now and lists every place as new; later runs bring only what changed.
watch-too-many = You already have { $count } watches. Delete one with /watches first.
callback-watch-missing = This watch no longer exists.
callback-watch-pause = Paused.
callback-watch-resume = Resumed.
callback-watch-del = Deleted.
watches-none = You have no watches. Start one with /watch &lt;what&gt; &lt;how many&gt;.
watches-title = 👁 <b>Your watches</b> ({ $count })
watches-item =
    { $number }. <b>{ $query }</b> ({ $count } places)
    { $schedule } · { $status }
watches-paused = ⏸ paused
watches-next = next run { $at }
watch-btn-pause = ⏸ Pause { $number }
watch-btn-resume = ▶️ Resume { $number }
watch-btn-delete = 🗑 Delete { $number }
watch-schedule-daily = daily at { $time } ({ $zone })
watch-schedule-weekly = weekly on { $day } at { $time } ({ $zone })
watch-weekday-1 = Monday
watch-weekday-2 = Tuesday
watch-weekday-3 = Wednesday
watch-weekday-4 = Thursday
watch-weekday-5 = Friday
watch-weekday-6 = Saturday
watch-weekday-7 = Sunday
watch-change-new = 🆕 <b>New</b>
watch-change-closed = ⛔ <b>Closed</b> since the last run
watch-change-changed = ✏️ <b>Changed</b>: { $fields }
watch-field-phone = phone
watch-field-website = website
watch-field-rating = rating
watch-was = was { $value }
watch-run-nothing = 👁 <b>{ $query }</b>: nothing new or changed since the last run.
watch-run-summary = 👁 <b>{ $query }</b> since the last run: 🆕 new { $fresh } · ✏️ changed { $changed } · ⛔ closed { $closed }
scrape-item-missing = <b>{ $position }.</b> ❔ <code>{ $input }</code>: { $error }
scrape-places-too-many = ❌ At most { $max } places in one list (you sent { $count }).
scrape-places-bad =
    ❌ Some items are not Google Maps place links or place ids:
    { $problems }
scrape-error-proxies = ❌ The scrape of <b>{ $query }</b> stopped (places found: { $count }): none of the server's proxies works right now. The administrator has been told.
scrape-proxy-down = ⚠️ Scrape proxy <code>{ $proxy }</code> was taken out of rotation for { $minutes } min: { $reason }
