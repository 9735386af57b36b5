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

## Issue #5: WhatsApp (Green API) and Avito
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
connect-usage = What do you want to connect? Or send <code>/connect whatsapp</code> or <code>/connect avito</code>.
disconnect-usage = Usage: <code>/disconnect whatsapp</code> or <code>/disconnect avito</code>
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
wa-state-authorized = ✅ WhatsApp instance <code>{ $instance }</code> is linked and working.
wa-state-not-authorized = ⚠️ WhatsApp instance <code>{ $instance }</code> logged out: the phone was unlinked. Scan the QR code in the Green API console to link it again.
wa-state-blocked = ⛔ WhatsApp blocked the number of instance <code>{ $instance }</code>. Messages cannot be received or sent.
wa-state-other = ℹ️ WhatsApp instance <code>{ $instance }</code> is now in state: { $state }
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
reply-text-only = ℹ️ Only text replies can be sent back.
reply-reason-unauthorized = the service refused the stored credentials; connect it again.
reply-reason-unreachable = the service could not be reached. Try again in a moment.
avito-from-buyer = 🟠 <b>Avito</b> · { $name } · { $item }
btn-connect-whatsapp = WhatsApp (Green API)
btn-connect-avito = Avito
## Issue #3: trading — /settings, /keys, /orders and order outcomes
cmd-settings = Trading settings: market, amount, leverage, account
cmd-keys = Your Bybit API keys
cmd-orders = Your last signals and their orders
help-trading =
    <b>Trading on Bybit</b>
    /settings — market (spot or USDT perpetual futures), amount in USDT, leverage, demo or real account, default symbol, maximum signal lag
    /keys — add, replace or delete your Bybit API keys (demo and real are separate); <code>/keys delete</code> deletes them
    /orders — your last signals and what became of them
    With a key for the account you trade on, every alert becomes a market order on Bybit and you get the result here. Optional alert fields: <code>amount</code>, <code>qty</code>, <code>leverage</code>, <code>market</code>, <code>tp</code>, <code>sl</code>, <code>timestamp</code>.
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
trade-leverage = Leverage: <b>{ $leverage }x</b>
trade-placed-title = ✅ <b>{ $action } { $symbol }</b>: order placed on Bybit ({ $market }, { $account } account)
trade-failed-title = ❌ <b>{ $action } { $symbol }</b>: no order placed ({ $market }, { $account } account)
trade-expired-title = ⌛ <b>{ $action } { $symbol }</b>: alert refused as too old ({ $market }, { $account } account)
trade-nothing-title = ℹ️ <b>{ $action } { $symbol }</b>: nothing to do ({ $market }, { $account } account)
trade-partial = ⚠️ These orders of the alert were placed before it stopped:
trade-retrying = ⏳ <b>{ $action } { $symbol }</b>: Bybit is not answering. Retrying for up to { $minutes } min with the same order ID, so it can never be placed twice. You will get the result here.
trade-not-configured = 💡 Not traded: add your Bybit API key with /keys to have alerts placed as orders.
trade-reason-insufficient-balance = Not enough balance on Bybit for this order. Top up the account, or lower the amount or leverage in /settings.
trade-reason-qty-too-small = The quantity <code>{ $qty }</code> is below the symbol's minimum <code>{ $min }</code>. Raise the amount (or leverage) in /settings.
trade-reason-qty-too-large = The quantity <code>{ $qty }</code> is above the symbol's maximum for a market order <code>{ $max }</code>. Lower the amount in /settings.
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
settings-leverage = Leverage: <b>{ $leverage }x</b> (futures only)
settings-account = Account: <b>{ $account }</b>
settings-symbol = Default symbol: <b>{ $symbol }</b>
settings-lag = Maximum signal lag: <b>{ $lag }</b>
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
callback-saved = Saved.
settings-ask-amount = 💵 Send the amount per trade in USDT, for example <code>25</code>. /cancel to stop.
settings-ask-leverage = 📈 Send the leverage as a whole number, for example <code>5</code>. /cancel to stop.
settings-ask-symbol = 🔤 Send the default symbol for alerts without one, for example <code>BTCUSDT</code>, or <code>-</code> for none. /cancel to stop.
settings-ask-lag = ⏱ Send the maximum age of an alert in seconds (5 to 86400): older alerts are refused, not traded. Send <code>off</code> to turn this off. It uses the alert's <code>timestamp</code> field, else the time it arrived. /cancel to stop.
settings-saved = ✅ Saved.
settings-bad-amount = ❓ The amount must be a number above 0 and at most { $max } USDT. Send it again, or /cancel.
settings-bad-leverage = ❓ The leverage must be a whole number from 1 to { $max }. Send it again, or /cancel.
settings-bad-symbol = ❓ "{ $symbol }" is not a symbol. Send one like <code>BTCUSDT</code>, or /cancel.
settings-exchange-down = ⏳ Bybit is not answering, so the symbol could not be checked. Send it again in a moment, or /cancel.
settings-unknown-symbol = ❓ Bybit has no { $symbol } on { $market }. Send another symbol, or /cancel.
settings-bad-lag = ❓ Send a whole number of seconds from 5 to 86400, or <code>off</code>. Or /cancel.
orders-empty = 📭 No signals yet. Alerts sent to your URL while you have a Bybit key appear here.
orders-title = 📋 <b>Your last { $count } signals</b>
orders-line = • { $date } · { $action } <b>{ $symbol }</b> — { $result }
orders-placed = ✅ placed <code>{ $qty }</code> at <code>{ $price }</code> (order <code>{ $orderId }</code>)
orders-status-rejected = ❌ not placed
orders-status-expired = ⌛ refused
orders-status-nothing = ℹ️ nothing to do
orders-status-skipped = ⏸ skipped (account inactive)
orders-status-pending = ⏳ waiting for Bybit
keys-private-only = 🔒 Send /keys to me in a private chat: API keys do not belong in a group.

## Google Maps scrapes (issue #4): bot/features/scrape.ts, src/services/scraper/
cmd-scrape = Scrape places from Google Maps
cmd-cancel = Stop your running scrape
cmd-apikey = Your HTTP API key and webhook secret
scrape-usage =
    🔎 <b>Scrape Google Maps</b>
    Send /scrape, what to look for, and how many places (1 to { $max }), for example:
    <code>/scrape restaurants in Cairo 20</code>
scrape-too-many = ⏳ You already have { $count } scrapes queued or running. Wait for one to finish, or stop it with /cancel.
scrape-progress =
    🔎 <b>{ $query }</b>
    { $bar } { $done }/{ $total }
    { $phase } · links found: { $found } · { $seconds } s
scrape-phase-queued = ⏳ waiting for a free worker
scrape-phase-searching = 🌐 opening Google Maps
scrape-phase-running = ⚙️ extracting places
scrape-phase-completed = ✅ finished
scrape-phase-failed = ❌ failed
scrape-phase-cancelled = ⏹ stopped
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
    /cancel — stop your running scrape
    /apikey — your key for the HTTP API (<code>POST /scrape</code>) and the secret that signs our webhooks
