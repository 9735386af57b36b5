# Hookbot — العربية الفصحى. المفاتيح نفسها الموجودة في en.ftl.
# HTML لتيليجرام: يجب أن تكون الوسوم متوازنة. القيم تُهرَّب في الكود قبل وصولها إلى هنا.
# المفاتيح التي تبدأ بـ cmd- وbtn- وcallback- نص عادي (القوائم والأزرار والتنبيهات المنبثقة) بلا وسوم.
#
# Direction: isolation marks are off, so every line whose first visible character would be a
# Latin letter, a digit, a /command, a placeable or an emoji starts with an invisible U+200F
# RIGHT-TO-LEFT MARK (before any tag). Telegram then lays the line out right to left.
# Never put the mark inside <code>: URLs and codes must copy cleanly. test/locales.test.ts checks this.

## تنبيهات TradingView المنقولة (src/services/alerts/formatAlert.ts)
alert-title = ‏📈 <b>تنبيه من TradingView</b>
alert-action = الإجراء: <b>{ $action }</b>
alert-symbol = الرمز: <b>{ $symbol }</b>
alert-price = السعر: <code>{ $price }</code>
alert-no-symbol = (غير محدد)
alert-extra = حقول أخرى:
alert-extra-field = ‏• <b>{ $key }</b>: { $value }
alert-text = الرسالة:
alert-duplicate-dropped =
    ‏⚠️ <b>تم تجاهل طلب وصل إلى رابط { $provider } الخاص بك لأنه مكرر</b> لطلب سابق، ولم يُنفَّذ.
    يُعدّ تنبيه TradingView مكررًا إذا تطابق معرّفه <code>id</code> والرمز والإجراء مع تنبيه سابق (وبدون <code>id</code>: النص نفسه خلال { $window } ثانية). إذا تم تجاهل تنبيهات مختلفة فامنح كل تنبيه معرّفًا <code>id</code> خاصًا به، مثل <code>{ $example }</code>.
    سيتم تجاهل التكرارات التالية على هذا الرابط خلال الـ { $minutes } دقيقة القادمة دون رسالة.
action-buy = ‏🟢 شراء
action-sell = ‏🔴 بيع
action-long = ‏🟢 مركز طويل
action-short = ‏🔴 مركز قصير
action-close = ‏⚪ إغلاق
action-exit = ‏⚪ خروج
action-stop = ‏🛑 وقف
action-cancel = ‏🚫 إلغاء

## تُرسل عبر صندوق الصادر عندما يغيّر المشرف حالة المستخدم
account-deactivated-notice = ‏⛔ قام أحد المشرفين بتعطيل حسابك في Hookbot. تُجيب روابط Webhook الخاصة بك الآن بالرمز 403، ولا تتم معالجة أي شيء يُرسَل إليها. تواصل مع المشرف إذا كنت تعتقد أن هذا خطأ.
account-activated-notice = ‏✅ أُعيد تفعيل حسابك في Hookbot. تعمل روابط Webhook الخاصة بك كما كانت من قبل.

## ردود مشتركة
error-generic = ‏⚠️ حدث خطأ من جهتنا. يُرجى المحاولة مرة أخرى بعد قليل.
need-start = ‏👋 يُرجى إرسال /start أولًا للتسجيل.
account-inactive =
    ‏⛔ <b>قام أحد المشرفين بتعطيل حسابك.</b>
    تُجيب روابط Webhook الخاصة بك بالرمز 403، ولا تتم معالجة أي شيء يُرسَل إليها.
    تواصل مع المشرف إذا كنت تعتقد أن هذا خطأ.
admins-only = ‏🔒 هذا الأمر مخصص للمشرفين فقط.
unknown-command = ‏🤔 لا أعرف هذا الأمر. أرسل /help لمعرفة ما يمكنني فعله.

## ردود منبثقة على الأزرار (نص عادي، 200 حرف كحد أقصى)
callback-need-start = يُرجى إرسال /start أولًا للتسجيل.
callback-inactive = قام أحد المشرفين بتعطيل حسابك. يُرجى التواصل مع المشرف.
callback-admins-only = هذا الزر مخصص للمشرفين فقط.
callback-error = حدث خطأ. يُرجى المحاولة مرة أخرى.
callback-url-rotated = تم إنشاء رابط جديد.

## قائمة الأوامر (نص عادي، 256 حرفًا كحد أقصى)
cmd-start = التسجيل والبدء
cmd-url = رابط Webhook الشخصي الخاص بك
cmd-template = ‏شكل التنبيهات المُعاد إرسالها إلى المحادثة
cmd-lang = تغيير اللغة
cmd-help = ما يمكنني فعله
cmd-users = قائمة المستخدمين (للمشرف)
cmd-user = عرض بيانات مستخدم (للمشرف)
cmd-activate = تفعيل مستخدم (للمشرف)
cmd-deactivate = تعطيل مستخدم (للمشرف)
cmd-stats = حالة النظام (للمشرف)

## /start
start-welcome-new =
    ‏👋 أهلًا بك في Hookbot يا <b>{ $name }</b>!

    أنقل تنبيهات TradingView الخاصة بك إلى هذه المحادثة. أرسل /url للحصول على رابط Webhook الشخصي، ثم الصقه في تنبيهاتك على TradingView.

    أرسل /help لمعرفة كل ما يمكنني فعله.
start-welcome-back =
    ‏👋 مرحبًا بعودتك يا <b>{ $name }</b>! تم تحديث ملفك الشخصي.

    أرسل /url لعرض رابط Webhook الشخصي، أو /help لمعرفة كل ما يمكنني فعله.
start-pending =
    ‏⏳ <b>حسابك غير مفعّل بعد.</b>
    يجب أن يفعّله أحد المشرفين قبل أن تصلك التنبيهات، وحتى ذلك الحين تُجيب روابط Webhook الخاصة بك بالرمز 403.

## /url
url-message =
    ‏🔗 <b>رابط Webhook الشخصي الخاص بك لـ TradingView</b>
    ‏<code>{ $url }</code>

    الرابط نفسه بصيغته المتوافقة، للإعدادات القديمة:
    ‏<code>{ $legacyUrl }</code>

    <b>طريقة الاستخدام</b>
    ‏1. في TradingView، أنشئ تنبيهًا أو عدّله وافتح تبويب <b>الإشعارات (Notifications)</b>.
    ‏2. فعّل خيار <b>Webhook URL</b> والصق الرابط أعلاه.
    ‏3. اكتب تفاصيل التنبيه في حقل <b>الرسالة (Message)</b>، مثلًا:
    ‏<code>{ $example }</code>

    ‏🔒 احتفظ بهذا الرابط سرًّا: يستطيع أي شخص يملكه إرسال تنبيهات إلى هذه المحادثة. اضغط <b>رابط جديد</b> إذا تسرّب.
btn-new-url = ‏🔄 رابط جديد
template-default = ‏📝 تستخدم التنبيهات المُعاد إرسالها الشكل الافتراضي.
template-current = ‏📝 قالبك للتنبيهات المُعاد إرسالها:
    ‏<code>{ $template }</code>
template-usage =
    ‏عيّنه بالأمر /template متبوعًا بالنص، مثلًا:
    ‏<code>{ $example }</code>
    ‏الحقول: { $fields }، وأي حقل آخر من تنبيه JSON الخاص بك باسمه. يبقى الحقل الغائب فارغًا. نص فقط (بلا HTML)، بحد أقصى { $max } حرفًا. يعيد <code>/template off</code> الشكل الافتراضي.
template-saved = ‏✅ حُفظ القالب. التنبيهات الواردة من رابط TradingView الخاص بك تبدو الآن هكذا.
template-reset = ‏✅ عاد الشكل الافتراضي.
template-invalid = ‏❓ لم يُحفظ القالب: { $error }.
template-preview = ‏👁 معاينة على آخر تنبيه لك (#{ $id }):
template-no-alert = ‏👁 لم يصل أي تنبيه إلى رابطك بعد، فلا شيء للمعاينة.
url-rotate-confirm =
    ‏⚠️ <b>هل تريد استبدال رابط Webhook؟</b>
    سيتوقف الرابط الحالي عن العمل فورًا، وسيتعيّن عليك لصق الرابط الجديد في كل تنبيه على TradingView يستخدمه.
btn-rotate-yes = ‏✅ نعم، استبدله
btn-rotate-no = ‏✖️ إلغاء
url-rotated = ‏✅ <b>تم استبدال رابط Webhook الخاص بك.</b> الرابط القديم لم يعد يعمل.
url-public-url-warning =
    ‏⚠️ <b>للمشرفين فقط:</b> لا يستطيع TradingView الوصول إلى هذه الروابط:
    { $reasons }
    اضبط <code>PUBLIC_URL</code> على عنوان https العام لهذا الخادم (المنفذ 443 أو 80) ثم أعد تشغيل Hookbot.
public-url-reason-unset = • لم يُضبط PUBLIC_URL، لذا تشير الروابط إلى localhost
public-url-reason-loopback = • تشير الروابط إلى هذا الجهاز نفسه (localhost)
public-url-reason-private = • تشير الروابط إلى عنوان خاص أو عنوان في شبكة محلية
public-url-reason-link-local = • تشير الروابط إلى عنوان ربط محلي (link-local)
public-url-reason-port = • لا يرسل TradingView إلا إلى المنفذين 80 و443
public-url-reason-plain-http = • تستخدم الروابط http غير المشفّر، فينتقل رمزها السري دون تشفير

## /lang (lang-name اسم اللغة بلغتها نفسها، يظهر على زرها)
lang-name = العربية
lang-choose = ‏🌐 اختر لغتك:
lang-saved = ‏✅ تم: سأتحدث معك بالعربية من الآن فصاعدًا.
lang-saved-unregistered = ‏✅ سأتحدث معك بالعربية. أرسل /start للتسجيل.

## /help
help-text =
    ‏ℹ️ يقوم <b>Hookbot</b> بنقل تنبيهات TradingView إلى هذه المحادثة.

    <b>الأوامر</b>
    ‏/start — التسجيل أو تحديث ملفك الشخصي
    ‏/url — رابط Webhook الشخصي الخاص بك وزر لاستبداله
    ‏/lang — تغيير اللغة
    ‏/help — هذه المساعدة

    <b>التنبيهات</b>
    أرسل التنبيهات إلى رابطك من TradingView (أو من أي خدمة تستطيع إرسال طلب HTTP POST)، إما بصيغة JSON تحتوي على الحقول <code>symbol</code> و<code>action</code> و<code>price</code> وحقل <code>id</code> اختياري:
    ‏<code>{ $example }</code>
    أو نصًّا عاديًّا مثل <code>buy BTCUSDT @ 50000</code>.
    يجب أن يحتوي كل تنبيه على أحد هذه الإجراءات: <code>buy</code> و<code>sell</code> و<code>long</code> و<code>short</code> و<code>close</code> و<code>exit</code> و<code>stop</code>. تُعرض حقول JSON الأخرى مع التنبيه.

    <b>التكرار</b>
    يُتجاهَل التنبيه إذا سبق استلام تنبيه بالقيمة نفسها في <code>id</code>. وإذا لم يكن فيه <code>id</code>، يُتجاهَل أيضًا التنبيه المطابق تمامًا إذا أُرسل مجددًا خلال { $window ->
        [one] ثانية واحدة
        [two] ثانيتين
        [few] { $window } ثوانٍ
       *[other] { $window } ثانية
    } (إذ يعيد TradingView إرسال التنبيهات التي فشلت).

    ‏⛔ إذا عطّل أحد المشرفين حسابك، تُجيب روابطك بالرمز 403 ولا تصلك التنبيهات.
help-admin =
    <b>أوامر المشرف</b>
    ‏/users — قائمة المستخدمين، 10 في كل صفحة
    ‏/user &lt;telegram_id&gt; — بيانات مستخدم واحد
    ‏/activate &lt;telegram_id&gt; — تفعيل مستخدم (يتم إبلاغه)
    ‏/deactivate &lt;telegram_id&gt; — تعطيل مستخدم: تُجيب روابطه بالرمز 403 (يتم إبلاغه)
    ‏/stats — المستخدمون، أحداث اليوم، ما ينتظر، الإخفاقات في الساعة الأخيرة

## المشرف: /users و/user و/activate و/deactivate
## Admin: /stats
stats-title = ‏📊 <b>حالة Hookbot الآن</b>
stats-users = ‏👥 المستخدمون: { $total } · نشط { $active } · غير نشط { $inactive } · حظروا البوت { $blocked }
stats-events-title = ‏📥 <b>أحداث اليوم</b> (المزوّد · الحالة)
stats-events-none = ‏📥 لا أحداث اليوم.
stats-queues-title = ‏📦 <b>قيد الانتظار</b> (العدد · الأقدم)
stats-failures-title = ‏⚠️ <b>الإخفاقات في الساعة الأخيرة</b>
stats-line = ‏• <code>{ $name }</code>: { $count }
stats-queue-line = ‏• <code>{ $name }</code>: { $count } · { $seconds } ث

users-title = ‏👥 <b>المستخدمون</b>: { $total } · الصفحة { $page } من { $pages }
users-empty = ‏👥 لا يوجد مستخدمون بعد.
users-line = ‏<code>{ $id }</code> { $name } · { $language } · { $status }{ $blocked }
status-active = ‏✅ نشط
status-inactive = ‏⛔ معطّل
status-blocked = ‏🚫
btn-prev = ‏◀️ السابق
btn-next = التالي ▶️
user-usage = الاستخدام: <code>/user &lt;telegram_id&gt;</code>، مثلًا <code>/user 123456789</code>
activate-usage = الاستخدام: <code>/activate &lt;telegram_id&gt;</code>، مثلًا <code>/activate 123456789</code>
deactivate-usage = الاستخدام: <code>/deactivate &lt;telegram_id&gt;</code>، مثلًا <code>/deactivate 123456789</code>
user-not-found = ‏❓ لا يوجد مستخدم بمعرّف تيليجرام <code>{ $id }</code>. يجب أن يرسل /start إلى البوت أولًا.
user-details =
    ‏👤 <b>{ $name }</b>
    معرّف تيليجرام: <code>{ $id }</code>
    تاريخ التسجيل: { $registered }
    اللغة: { $language }
    الحالة: { $status }
    حظر البوت: { $blocked }
user-blocked-yes = ‏🚫 نعم، منذ { $date }
user-blocked-no = لا
activate-done = ‏✅ أُعيد تفعيل <b>{ $name }</b> (<code>{ $id }</code>). روابط Webhook الخاصة به تعمل، وتم إبلاغه.
deactivate-done = ‏⛔ تم تعطيل <b>{ $name }</b> (<code>{ $id }</code>). تُجيب روابط Webhook الخاصة به الآن بالرمز 403، وتم إبلاغه.
activate-already = ‏ℹ️ المستخدم <b>{ $name }</b> (<code>{ $id }</code>) مفعّل بالفعل. لم يتغير شيء.
deactivate-already = ‏ℹ️ المستخدم <b>{ $name }</b> (<code>{ $id }</code>) معطّل بالفعل. لم يتغير شيء.
prompt-cancelled = ‏✖️ تم الإلغاء. لم يُحفظ أي شيء.

## FAL AI: /fal ونتائج مهام FAL (src/services/fal/relayFal.ts)
cmd-fal = رابط Webhook الخاص بك لـ FAL AI
help-fal =
    ‏<b>FAL AI</b>
    ‏/fal — رابط Webhook الخاص بك لـ FAL AI، مع زر لاستبداله. أرسل مهام FAL بهذا الرابط: تصل صورها، أو سبب فشلها، إلى هذه المحادثة.
fal-url-message =
    ‏🎨 <b>رابط Webhook الشخصي الخاص بك لـ FAL AI</b>
    ‏<code>{ $url }</code>

    <b>طريقة الاستخدام</b>
    أرسل المهام إلى طابور FAL مع هذا الرابط بوصفه الـ Webhook الخاص بها. عند انتهاء المهمة تصل صورها (أو الخطأ) إلى هذه المحادثة.
    ‏• JavaScript (<code>@fal-ai/client</code>): مرّر الرابط باسم <code>webhookUrl</code> إلى <code>fal.queue.submit</code>.
    ‏• Python (<code>fal_client</code>): مرّره باسم <code>webhook_url</code> إلى <code>submit</code>.
    ‏• HTTP: أضف الرابط مُرمّزًا باسم <code>fal_webhook</code> إلى طلب الطابور:
    ‏<code>https://queue.fal.run/fal-ai/flux/dev?fal_webhook={ $encodedUrl }</code>

    <b>التسميات</b>
    للتمييز بين المهام، أضف <code>?label=</code> واسمًا قصيرًا إلى رابط المهمة؛ تظهر التسمية مع نتيجتها:
    ‏<code>{ $labelUrl }</code>

    ‏🔒 يُتحقَّق من توقيع FAL في كل تسليم، ومع ذلك احتفظ بهذا الرابط سرًّا. اضغط <b>رابط جديد</b> إذا تسرّب.
fal-rotate-confirm =
    ‏⚠️ <b>هل تريد استبدال رابط Webhook الخاص بـ FAL؟</b>
    يتوقف الرابط الحالي عن العمل فورًا: لن تصل إلى هنا نتائج المهام التي أُرسلت به من قبل.
fal-url-rotated = ‏✅ <b>تم استبدال رابط Webhook الخاص بـ FAL.</b> الرابط القديم لم يعد يعمل.
fal-title-ok = ‏✅ <b>اكتملت مهمة FAL</b>
fal-title-error = ‏❌ <b>فشلت مهمة FAL</b>
fal-title-payload-error = ‏⚠️ <b>اكتملت مهمة FAL، لكن تعذّر تسليم نتيجتها</b>
fal-label = التسمية: <b>{ $label }</b>
fal-request = الطلب: <code>{ $id }</code>
fal-seed = البذرة (seed): <code>{ $seed }</code>
fal-prompt = الوصف (prompt): <i>{ $prompt }</i>
fal-images = { $count ->
        [zero] لا صور
        [one] صورة واحدة
        [two] صورتان
        [few] ‏{ $count } صور
       *[other] ‏{ $count } صورة
    }
fal-image-name = الصورة { $count }
fal-field = ‏• <b>{ $key }</b>: { $value }
fal-more-fields = ‏… وحقول أخرى: { $count }
fal-empty-result = أعادت المهمة نتيجة فارغة.
fal-files = الملفات:
fal-file = ‏• { $link }
fal-error = الخطأ: { $error }
fal-error-unknown = لم يذكر FAL ما الذي حدث.
fal-error-details = ما اعترض عليه FAL:
fal-error-field = ‏• <b>{ $field }</b>: { $message }
fal-error-line = ‏• { $message }
fal-why-input = بعبارة بسيطة: لم يقبل النموذج المدخلات. قارن الحقول أدناه بتوثيق النموذج.
fal-why-auth = بعبارة بسيطة: رفض FAL بيانات الاعتماد. تحقّق من مفتاح FAL وما يُسمح له بتشغيله.
fal-why-busy = بعبارة بسيطة: كان FAL مشغولًا جدًا أو بلغ حسابك حدّه. أعد إرسال المهمة بعد قليل.
fal-why-timeout = بعبارة بسيطة: استغرقت المهمة وقتًا طويلًا جدًا فأُوقفت.
fal-why-server = بعبارة بسيطة: حدث عطل من جهة FAL. إعادة إرسال المهمة تنجح عادةً.
fal-payload-error =
    تعذّر على FAL إرفاق النتيجة: { $error }
    احصل عليها من واجهة طابور FAL باستخدام معرّف الطلب أعلاه.

## المهمة #5: واتساب (Green API) وأفيتو
cmd-connect = ربط واتساب أو أفيتو
cmd-disconnect = فصل واتساب أو أفيتو
cmd-whatsapp = حالة واتساب ورابطه
cmd-avito = حالة أفيتو ورابطه
help-messengers =
    ‏<b>واتساب وأفيتو</b>
    ‏/connect whatsapp — اربط مثيل Green API الخاص بك: تصل رسائله إلى هنا
    ‏/connect avito — اربط حسابك في أفيتو: تصل محادثاته إلى هنا
    ‏/disconnect whatsapp و/disconnect avito — أوقف النقل وأزل الـ Webhook
    ‏/whatsapp و/avito — الحالة والرابط الشخصي وزر لاستبداله
    ‏ردّ على رسالة منقولة لتجيب مرسلها.
    ‏/route whatsapp و/route avito — في مجموعة أضفتني إليها: تصل الرسائل إليها، بموضوع لكل عميل في مجموعة ذات مواضيع
    ‏/answerers — من يمكنه في تلك المجموعة الرد على العملاء
    ‏/q — الردود السريعة: إجابات محفوظة تُرسل إلى العميل بضغطة واحدة (<code>/q help</code>)
connect-usage = ‏ماذا تريد أن تربط؟ أو أرسل <code>/connect whatsapp</code> أو <code>/connect avito</code>.
disconnect-usage = ‏طريقة الاستخدام: <code>/disconnect whatsapp</code> أو <code>/disconnect avito</code>
cmd-route = إرسال رسائل واتساب أو أفيتو إلى مجموعة
cmd-answerers = من يمكنه الرد على العملاء في المجموعة
team-route-usage = ‏طريقة الاستخدام داخل المجموعة: <code>/route whatsapp</code> أو <code>/route avito</code>؛ و<code>/route whatsapp off</code> يعيد الرسائل إلى محادثتك الخاصة.
team-route-in-group = ‏ℹ️ أضفني إلى مجموعة كمشرف (مع صلاحية «إدارة المواضيع» إن كانت فيها مواضيع)، ثم أرسل <code>{ $command }</code> هناك. ستصل رسائل { $service } إلى تلك المجموعة بدلاً من هنا.
team-route-off = ‏✅ عادت رسائل { $service } تصل إلى محادثتك الخاصة.
team-route-was-private = ‏ℹ️ رسائل { $service } تصل بالفعل إلى محادثتك الخاصة.
team-route-lost = ‏⚠️ أُزلت من المجموعة التي كانت تصل إليها رسائل { $service }، لذا تصل إلى هنا من جديد، بما فيها المنتظرة. أضفني مجدداً كمشرف وأرسل /route هناك لنقلها مرة أخرى.
team-route-missing-rights =
    ‏❌ لا يمكن أن تصل رسائل { $service } إلى هنا بعد. اجعلني مشرفاً في هذه المجموعة مع:
    { $rights }
    ‏ثم أرسل الأمر مرة أخرى.
team-right-admin = ‏صلاحيات المشرف (البوت غير المشرف لا يرى رسائل الفريق)
team-right-topics = ‏«إدارة المواضيع» (لفتح موضوع لكل عميل)
team-route-done = ‏✅ تصل رسائل { $service } الآن إلى هذه المجموعة، { $where }.
team-route-done-forum = ‏موضوع لكل عميل: اكتب في موضوع العميل لتردّ عليه
team-route-done-group = ‏كل منها رسالة: ردّ عليها لتجيب العميل
team-answerers-all = ‏يمكن لكل أعضاء المجموعة الرد على العملاء.
team-answerers-owner = ‏أنت وحدك يمكنك الرد على العملاء. ردّ على رسالة أحد الأعضاء بـ <code>/answerers …  add</code> لتسمح له.
team-answerers-list = ‏يمكنك أنت وهؤلاء الأعضاء الرد على العملاء: { $ids }.
team-answerers-usage = ‏طريقة الاستخدام داخل المجموعة: <code>/answerers whatsapp all</code> (كل الأعضاء)، أو <code>only</code> (أنت وحدك)، أو ردّاً على رسالة عضو <code>add</code> أو <code>remove</code>.
team-answerers-not-here = ‏ℹ️ ‏{ $service } غير موجّه إلى هذه المحادثة. أرسل <code>{ $command }</code> في المجموعة أولاً.
team-answerers-reply-needed = ‏ℹ️ أرسل <code>{ $command }</code> ردّاً على رسالة من ذلك العضو.
team-not-allowed = ‏⛔ لا يمكنك الرد على عملاء { $service } هنا. اطلب من المالك أن يسمح لك (<code>/answerers</code>).
team-reply-sent = ‏✅ أُرسل إلى { $service } · { $name }
cmd-notify = رسائل واتساب وأفيتو: بصوت أو بصمت أو موقوفة
cmd-quiet = ساعات الهدوء لرسائل واتساب أو أفيتو
notify-usage =
    ‏<b>الإشعارات</b>
    ‏<code>/notify whatsapp loud</code> — بصوت
    ‏<code>/notify whatsapp silent</code> — بدون صوت
    ‏<code>/notify whatsapp pause</code> — احتفظ بها؛ و<code>resume</code> يسلّمها كلها بالترتيب
    ‏<code>/quiet whatsapp 22:00-08:00 Europe/Moscow</code> — بصمت ليلاً حسب منطقتك الزمنية؛ <code>/quiet whatsapp off</code>
    ‏وبالمثل مع <code>avito</code>.
notify-status = ‏{ $service }: { $mode }؛ { $quiet }
notify-mode-loud = ‏🔔 بصوت
notify-mode-silent = ‏🔕 بصمت
notify-mode-paused = ‏⏸ موقوفة
notify-quiet = ‏ساعات الهدوء { $hours } ({ $zone })
notify-quiet-none = ‏بلا ساعات هدوء
notify-set = ‏✅ رسائل { $service }: { $mode }.
notify-resumed = ‏▶️ { $count } من الرسائل المحفوظة في طريقها إليك، بترتيب وصولها.
quiet-usage = ‏طريقة الاستخدام: <code>/quiet whatsapp 22:00-08:00 Europe/Moscow</code> (المنطقة الزمنية اختيارية، UTC افتراضياً) أو <code>/quiet whatsapp off</code>؛ وبالمثل مع <code>avito</code>.
quiet-set = ‏✅ تصل رسائل { $service } بصمت في الفترة { $hours } ({ $zone }).
quiet-off = ‏✅ لا ساعات هدوء بعد الآن لـ { $service }.
quiet-bad-zone = ‏❌ منطقة زمنية غير معروفة { $zone }. استخدم اسماً مثل <code>Europe/Moscow</code> أو <code>Asia/Dubai</code> أو <code>UTC</code>.
wa-ask-instance =
    ‏🟢 <b>ربط واتساب (Green API)</b>
    ‏الخطوة 1 من 3: أرسل <b>idInstance</b> الخاص بمثيلك (رقم من console.green-api.com). أرسل /cancel للإلغاء.
wa-bad-instance = ‏❌ قيمة idInstance رقم، مثل <code>1101000001</code>. أرسله مرة أخرى، أو /cancel.
wa-ask-token = ‏الخطوة 2 من 3: أرسل <b>apiTokenInstance</b>. سأحذف رسالتك فور قراءتها، وأحفظ الرمز مشفّرًا.
wa-bad-token-format = ‏❌ لا يبدو هذا رمز apiTokenInstance (حروف وأرقام، 50 عادةً). أرسله مرة أخرى، أو /cancel.
wa-ask-url = ‏الخطوة 3 من 3: أرسل <b>apiUrl</b> الخاص بالمثيل من لوحة التحكم (مثل <code>https://1101.api.green-api.com</code>)، أو <code>-</code> لاستخدام <code>{ $url }</code>.
wa-bad-url = ‏❌ أرسل عنوانًا يبدأ بـ https://، أو <code>-</code> للعنوان الافتراضي.
wa-checking = ‏⏳ أتحقق من المثيل وأضبط الـ Webhook الخاص به…
wa-connected =
    ‏✅ <b>تم ربط واتساب</b> (المثيل <code>{ $instance }</code>، الحالة: { $state }).
    ‏تصل الرسائل المرسلة إلى هذا الرقم إلى هنا الآن. ردّ على أيٍّ منها لتجيب في واتساب.
    ‏رابط الـ Webhook: <code>{ $url }</code>
wa-not-authorized-hint = ‏⚠️ لم يُربط الهاتف بعد (الحالة: { $state }). امسح رمز QR في لوحة تحكم Green API؛ تبدأ الرسائل بالوصول بعد الربط.
wa-error-unauthorized = ‏❌ رفض Green API قيمتي idInstance وapiTokenInstance. تحقق منهما في لوحة التحكم وأرسل /connect whatsapp مرة أخرى. لم يُحفظ شيء.
wa-error-not-found = ‏❌ لا يعرف Green API المثيل <code>{ $instance }</code> على عنوان API هذا. تحقق من apiUrl في لوحة التحكم وأرسل /connect whatsapp مرة أخرى. لم يُحفظ شيء.
wa-error-unreachable = ‏❌ تعذّر الوصول إلى Green API على <code>{ $url }</code>. حاول مرة أخرى بعد بضع دقائق. لم يُحفظ شيء.
wa-error-rejected = ‏❌ رفض Green API الطلب: { $detail }. لم يُحفظ شيء.
wa-error-not-kept = ‏❌ قبِل Green API إعدادات الـ Webhook لكنه لم يحتفظ بها (بقيت <code>{ $setting }</code> على قيمتها القديمة بعد 3 محاولات). انتظر دقيقة وأرسل /connect whatsapp مرة أخرى. لم يُحفظ شيء.
wa-disconnected = ‏✅ تم فصل واتساب. أُزيل الـ Webhook من Green API.
wa-disconnected-not-cleared = ‏⚠️ تم فصل واتساب هنا، لكن تعذّر الوصول إلى Green API لإزالة الـ Webhook: امسح webhookUrl من لوحة تحكم Green API.
wa-not-connected = ‏ℹ️ واتساب غير مربوط. أرسل /connect whatsapp لربطه.
wa-status =
    ‏🟢 <b>واتساب</b>
    ‏المثيل: <code>{ $instance }</code>
    ‏الحالة: { $state }
    ‏رابط الـ Webhook: <code>{ $url }</code>
wa-rotate-failed = ‏⚠️ أُنشئ رابط جديد، لكن Green API لم يقبله ({ $detail }). أرسل /connect whatsapp لضبطه من جديد.
wa-from = ‏💬 <b>واتساب</b> · { $name } · <code>{ $phone }</code>
wa-from-group = ‏💬 <b>واتساب</b> · { $name } · <code>{ $phone }</code> · { $chat }
wa-location = ‏📍 { $place }
wa-contact = ‏👤 جهة اتصال: { $name }
wa-pending = ‏⏳ لم يسمح لي WhatsApp بقراءة هذه الرسالة بعد («في انتظار هذه الرسالة»). ستصل إلى هنا عندما تتوفر؛ وإن لم تصل فاطلب من العميل إرسالها مجدداً.
wa-pending-arrived = ‏✅ وصلت الرسالة التي كانت في الانتظار: إنها أدناه.
avito-ask-client-id =
    ‏🟠 <b>ربط أفيتو</b>
    ‏الخطوة 1 من 2: أرسل <b>client_id</b> الخاص بك (أفيتو ← الملف الشخصي ← تكاملات API). سأحذف رسالتك فور قراءتها. أرسل /cancel للإلغاء.
avito-ask-client-secret = ‏الخطوة 2 من 2: أرسل <b>client_secret</b> الخاص بك. سأحذف رسالتك فور قراءتها، وأحفظه مشفّرًا.
avito-bad-credential = ‏❌ لا يبدو هذا مفتاح أفيتو (حروف وأرقام و- و_). أرسله مرة أخرى، أو /cancel.
avito-checking = ‏⏳ أحصل على رمز الدخول، وأبحث عن حسابك، وأشترك في الـ Webhook…
avito-connected =
    ‏✅ <b>تم ربط أفيتو</b> (الحساب <code>{ $account }</code>). الاشتراك في الـ Webhook فعّال: تصل محادثاتك إلى هنا. ردّ على رسالة لتجيب في أفيتو.
    ‏رابط الـ Webhook: <code>{ $url }</code>
avito-connected-polling =
    ‏✅ <b>تم ربط أفيتو</b> (الحساب <code>{ $account }</code>)، لكن أفيتو لم يؤكد الـ Webhook. بدلًا من ذلك أتفقد محادثاتك كل { $seconds } ثانية، وأعود إلى الـ Webhook فور أن يبدأ بالتسليم.
    ‏رابط الـ Webhook: <code>{ $url }</code>
avito-error-unauthorized = ‏❌ رفض أفيتو قيمتي client_id وclient_secret. تحقق منهما وأرسل /connect avito مرة أخرى. لم يُحفظ شيء.
avito-error-unreachable = ‏❌ تعذّر الوصول إلى أفيتو. حاول مرة أخرى بعد بضع دقائق. لم يُحفظ شيء.
avito-error-rejected = ‏❌ رفض أفيتو الطلب: { $detail }. لم يُحفظ شيء.
avito-disconnected = ‏✅ تم فصل أفيتو. أُلغي الاشتراك في الـ Webhook.
avito-disconnected-not-unsubscribed = ‏⚠️ تم فصل أفيتو هنا، لكن تعذّر الوصول إلى أفيتو لإلغاء الاشتراك. سيُتجاهل الـ Webhook.
avito-not-connected = ‏ℹ️ أفيتو غير مربوط. أرسل /connect avito لربطه.
avito-status =
    ‏🟠 <b>أفيتو</b>
    ‏الحساب: <code>{ $account }</code>
    ‏الـ Webhook: { $webhook }
    ‏تصل الرسائل عبر: { $mode }
    ‏آخر رسالة: { $last }
    ‏رابط الـ Webhook: <code>{ $url }</code>
avito-webhook-yes = ‏✅ مشترك
avito-webhook-no = ‏❌ غير مشترك
avito-mode-push = ‏الـ Webhook (دفع)
avito-mode-polling = ‏🔄 استطلاع كل { $seconds } ثانية
avito-last-none = ‏لا شيء بعد
avito-from = ‏🟠 <b>أفيتو</b> · المحادثة <code>{ $chat }</code>
avito-location = ‏📍 { $place }
avito-item = ‏📦 { $item }
avito-other = ‏ℹ️ رسالة من نوع { $kind }: افتح أفيتو لرؤيتها.
reply-sent = ‏✅ أُرسل إلى { $service }.
reply-sent-split = ‏✅ أُرسل إلى { $service } في عدة رسائل ({ $parts })، إذ لا تتسع الرسالة الواحدة لأكثر من 1000 حرف.
reply-failed = ‏❌ لم يُرسل إلى { $service }: { $reason }
reply-not-connected = ‏❌ لم يُرسل: { $service } لم يعد مربوطًا. أرسل { $command } لربطه من جديد.
reply-text-only = ‏ℹ️ لا يمكن إرسال سوى النصوص والصور والمستندات والرسائل الصوتية ومقاطع الفيديو.
reply-avito-photos-only = ‏❌ لم يُرسل: أفيتو لا يقبل سوى النصوص والصور. لم يُرسل شيء.
reply-file-too-big = ‏❌ لم يُرسل: حجم الملف { $size } ميغابايت، والحد الأقصى الذي يمر عبر البوت { $limit } ميغابايت. لم يُرسل شيء.
reply-reason-unauthorized = ‏رفضت الخدمة المفاتيح المحفوظة؛ اربطها من جديد.
reply-reason-unreachable = ‏تعذّر الوصول إلى الخدمة. حاول مرة أخرى بعد قليل.
avito-from-buyer = ‏🟠 <b>أفيتو</b> · { $name } · { $item }
btn-connect-whatsapp = واتساب (Green API)
btn-connect-avito = أفيتو
## المهمة رقم 3: التداول — /settings و/keys و/orders ونتائج الأوامر
cmd-settings = ‏إعدادات التداول: السوق والمبلغ والرافعة والحساب
cmd-keys = ‏مفاتيح Bybit API الخاصة بك
cmd-orders = ‏آخر إشاراتك وأوامرها
cmd-events = ‏ما وصل إلى روابطك وما حدث له
help-trading =
    ‏<b>التداول على Bybit</b>
    ‏/settings — السوق والمبلغ والرافعة والحساب التجريبي أو الحقيقي والرمز الافتراضي والضوابط (تأخر الإشارة وهامش السعر والحد الأقصى للأمر) وطريقة تحديد الحجم ووقف الخسارة وجني الأرباح الافتراضيان ووضع التأكيد
    ‏/keys — مفاتيح Bybit API (التجريبي والحقيقي منفصلان)؛ <code>/keys delete</code> يحذفها
    ‏/orders — آخر إشاراتك وما آلت إليه
    ‏/positions — الصفقات المفتوحة: الدخول وسعر العلامة والحجم والربح غير المحقق، مع زر إغلاق لكل منها
    ‏/balance — حقوق الملكية والرصيد المتاح والعملات
    ‏/pnl — الربح والخسارة المحققة اليوم وخلال 7 و30 يومًا، لكل رمز، مع نسبة الصفقات الرابحة
    ‏/summary — ملخص يومي في ساعتك: <code>/summary 21 Asia/Dubai</code>، <code>/summary off</code>
    ‏/events — كل ما وصل إلى روابطك وما آل إليه؛ زر يعيد تشغيل حدث (والصفقة بعد تأكيدك فقط)
    ‏/web — عرض مباشر لأحداثك وأوامرك وعمليات الجمع، في المتصفح أو داخل تيليجرام
    ‏/template — شكل الإشارات المُعاد إرسالها إلى هذه المحادثة؛ <code>/template off</code> للشكل الافتراضي
    ‏مع مفتاح للحساب الذي تتداول عليه، تصبح كل إشارة أمرًا على Bybit، وتتابع الصفقة هنا على بطاقة حية. حقول الإشارة: <code>amount</code> و<code>qty</code> و<code>leverage</code> و<code>market</code> و<code>timestamp</code> و<code>price</code> (تُرفض إن ابتعدت عن السوق أكثر من هامشك)؛ <code>sl</code> و<code>tp</code> (سعر أو <code>"2%"</code> أو سلم <code>"1%:50% 3%:50%"</code>) و<code>trailing</code> و<code>breakeven</code>؛ الحجم <code>equity</code> و<code>available</code> و<code>risk</code> (<code>"1%"</code>، يحتاج <code>sl</code>)؛ <code>"type":"limit"</code> مع <code>expiry</code>؛ <code>"confirm":true</code>؛ الإجراء <code>cancel</code>؛ <code>"add":true</code> للإضافة إلى مركز في الاتجاه نفسه (وإلا يُرفض). يُرفض أمر الفتح الذي تتجاوز قيمته حدك الأقصى؛ أما الإغلاق فلا يُرفض أبدًا.
    ‏رسالة استراتيجية TradingView الافتراضية (<code>order buy @ 2 filled on ETHUSDT…</code>) مفهومة: الرقم بعد @ عدد عقود ولا يُستخدم.
trade-market-spot = ‏السوق الفوري
trade-market-linear = ‏العقود الآجلة (USDT الدائمة)
trade-account-demo = ‏تجريبي
trade-account-real = ‏حقيقي
trade-side-buy = ‏شراء
trade-side-sell = ‏بيع
trade-role-open = ‏فُتح
trade-role-close = ‏أُغلق
trade-price-unknown = ‏سعر السوق
trade-order-line = ‏• { $role }: { $side } <code>{ $qty }</code> { $symbol } بسعر <code>{ $price }</code> · معرّف الأمر <code>{ $orderId }</code>
trade-order-line-limit = ‏• أمر حد: { $side } <code>{ $qty }</code> { $symbol } عند <code>{ $price }</code>، بانتظار التنفيذ · معرّف الأمر <code>{ $orderId }</code>
trade-leverage = ‏الرافعة: <b>{ $leverage }x</b>
trade-limit-expiry = ‏⏳ يُلغى بعد { $minutes } دقيقة إن لم يُنفَّذ حتى ذلك الحين، وستُبلَّغ بذلك.
trade-limit-expired = ‏⌛ <b>{ $symbol }</b>: انتهت مدة أمر الحد { $side } <code>{ $qty }</code> عند <code>{ $price }</code> بعد { $minutes } دقيقة فأُلغي على Bybit (المنفَّذ: <code>{ $value }</code>).
trade-protection-sl = ‏🛑 وقف الخسارة: <code>{ $price }</code>
trade-protection-tp = ‏🎯 جني الربح: <code>{ $price }</code>
trade-protection-tp-step = ‏🎯 جني الربح { $step }: <code>{ $qty }</code> عند <code>{ $price }</code>
trade-protection-trailing = ‏〰️ وقف متحرك: على بُعد <code>{ $distance }</code> من السعر
trade-protection-breakeven = ‏↔️ نقل الوقف إلى سعر الدخول (<code>{ $entry }</code>) بعد أول جني ربح: سُجّل الطلب؛ يُنقل الوقف حين يرى Hookbot تنفيذ جني الربح ذاك.
trade-sizing-equity = ‏📐 الحجم { $percent } % من حقوق الملكية (<code>{ $balance }</code> USDT)
trade-sizing-available = ‏📐 الحجم { $percent } % من الرصيد المتاح (<code>{ $balance }</code> USDT)
trade-sizing-risk = ‏📐 الحجم محسوب لمخاطرة { $percent } % من حقوق الملكية (<code>{ $balance }</code> USDT) حتى الوقف <code>{ $price }</code>
trade-placed-title = ‏✅ <b>{ $action } { $symbol }</b>: تم وضع الأمر على Bybit ({ $market }، الحساب { $account })
trade-failed-title = ‏❌ <b>{ $action } { $symbol }</b>: لم يُوضع أي أمر ({ $market }، الحساب { $account })
trade-unprotected-title = ‏⚠️ <b>{ $action } { $symbol }</b>: فُتح المركز، لكن لم تُوضع كل أوامر الحماية ({ $market }، الحساب { $account })
trade-expired-title = ‏⌛ <b>{ $action } { $symbol }</b>: رُفض التنبيه لأنه قديم ({ $market }، الحساب { $account })
trade-nothing-title = ‏ℹ️ <b>{ $action } { $symbol }</b>: لا شيء يُنفَّذ ({ $market }، الحساب { $account })
trade-cancelled-title = ‏🚫 <b>{ $action } { $symbol }</b>: أُلغي { $count } من الأوامر المفتوحة على Bybit ({ $market }، الحساب { $account }). يبقى المركز ووقف خسارته وجني أرباحه كما هي.
trade-confirm-card = ‏✋ <b>{ $action } { $symbol }</b> ({ $market }، الحساب { $account }): هل تريد تنفيذه؟ لن يُوضع شيء ما لم تضغط «تنفيذ» خلال { $seconds } ثانية.
trade-confirm-executed = ‏▶️ <b>{ $action } { $symbol }</b>: جارٍ التنفيذ، وتتبعه النتيجة.
trade-confirm-skipped = ‏⏭ <b>{ $action } { $symbol }</b>: تُخطّي، ولم يُوضع شيء.
trade-confirm-expired = ‏⌛ <b>{ $action } { $symbol }</b>: لم يُؤكَّد خلال { $seconds } ثانية، فلم يُوضع شيء.
btn-trade-execute = ‏✅ تنفيذ
btn-trade-skip = ‏⏭ تخطٍّ
callback-trade-executing = ‏جارٍ التنفيذ.
callback-trade-skipped = ‏تُخطّي: لم يُوضع شيء.
callback-trade-expired = ‏فات الأوان: انتهت مدة البطاقة ولم يُوضع شيء.
callback-trade-decided = ‏نُفّذ من قبل: يُوضع مرة واحدة فقط.
callback-trade-missing = ‏هذه البطاقة ليست لك أو لم تعد موجودة.
trade-partial = ‏⚠️ وُضعت أوامر التنبيه هذه قبل توقفه:
trade-retrying = ‏⏳ <b>{ $action } { $symbol }</b>: منصة Bybit لا تستجيب. تُعاد المحاولة حتى { $minutes } دقيقة بمعرّف الأمر نفسه، فلا يمكن أن يوضع مرتين. ستصلك النتيجة هنا.
trade-fill-title = ‏✅ <b>تم التنفيذ</b>: { $side } <code>{ $qty }</code> { $symbol } بسعر <code>{ $price }</code> ({ $market }، الحساب { $account })
trade-fill-stop-loss = ‏🛑 <b>تم تفعيل وقف الخسارة</b>: { $side } <code>{ $qty }</code> { $symbol } بسعر <code>{ $price }</code> ({ $market }، الحساب { $account })
trade-fill-take-profit = ‏🎯 <b>تم تحقيق جني الأرباح</b>: { $side } <code>{ $qty }</code> { $symbol } بسعر <code>{ $price }</code> ({ $market }، الحساب { $account })
trade-fill-trailing-stop = ‏🛑 <b>تم تفعيل الوقف المتحرك</b>: { $side } <code>{ $qty }</code> { $symbol } بسعر <code>{ $price }</code> ({ $market }، الحساب { $account })
trade-fill-fee = ‏الرسوم: <code>{ $fee }</code> · معرّف الأمر <code>{ $orderId }</code>
trade-fill-late = ‏⏱ حدث هذا أثناء انقطاع الاتصال بـ Bybit، وتم الاستعلام عنه فور عودة الاتصال.
trade-card-timeline = ‏🕒 الاستلام { $received } · الوضع { $placed }
trade-card-filled = ‏• تم التنفيذ <code>{ $qty }</code> بسعر <code>{ $price }</code> (متوسط)
trade-card-protection = ‏• جني الأرباح <code>{ $tp }</code> · وقف الخسارة <code>{ $sl }</code>
trade-card-stop-moved = ‏• تم نقل الوقف إلى <code>{ $price }</code>
trade-card-exit-take-profit = ‏• 🎯 تحقق جني الأرباح { $index }: <code>{ $qty }</code> بسعر <code>{ $price }</code>
trade-card-exit-stop-loss = ‏• 🛑 تفعّل وقف الخسارة: <code>{ $qty }</code> بسعر <code>{ $price }</code>
trade-card-exit-trailing-stop = ‏• 🛑 تفعّل الوقف المتحرك: <code>{ $qty }</code> بسعر <code>{ $price }</code>
trade-card-exit = ‏• تم إغلاق <code>{ $qty }</code> بسعر <code>{ $price }</code>
trade-card-fees = ‏• الرسوم حتى الآن: <code>{ $fees }</code> USDT
trade-card-closed = ‏✅ <b>أُغلقت الصفقة.</b> الربح/الخسارة المحققة: <code>{ $pnl }</code> USDT شاملة الرسوم.
btn-card-close = ‏✖️ إغلاق المركز
btn-card-cancel = ‏🧹 إلغاء الأوامر
callback-card-busy = ‏جارٍ التنفيذ، لحظة من فضلك.
callback-card-closing = ‏يتم إغلاق المركز بسعر السوق. ستعرض هذه البطاقة النتيجة.
callback-card-nothing = ‏لا يوجد مركز مفتوح على هذا الرمز لإغلاقه.
callback-card-cancelled = ‏تم إلغاء { $count } من الأوامر المفتوحة على هذا الرمز.
callback-card-failed = ‏رفضت Bybit: { $problem }
callback-card-gone = ‏هذه الصفقة مغلقة.
trade-not-configured = ‏💡 لم يُنفَّذ تداول: أضف مفتاح Bybit API بالأمر /keys لتصبح التنبيهات أوامر.
trade-reason-insufficient-balance = ‏الرصيد على Bybit لا يكفي لهذا الأمر. اشحن الحساب أو خفّض المبلغ أو الرافعة في /settings.
trade-reason-qty-too-small = ‏الكمية <code>{ $qty }</code> أقل من الحد الأدنى للرمز <code>{ $min }</code>. ارفع المبلغ (أو الرافعة) في /settings.
trade-reason-qty-too-large = ‏الكمية <code>{ $qty }</code> أكبر من الحد الأقصى لأمر السوق <code>{ $max }</code>. خفّض المبلغ في /settings.
trade-reason-qty-step = ‏الكمية <code>{ $qty }</code> ليست من مضاعفات خطوة الرمز <code>{ $step }</code>. ربما غيّرت Bybit قواعد الرمز؛ سيُحسب التنبيه التالي بالقواعد الجديدة.
trade-reason-notional-too-small = ‏قيمة الأمر <code>{ $value }</code> USDT أقل من الحد الأدنى للرمز <code>{ $min }</code> USDT. ارفع المبلغ في /settings.
trade-reason-amount-too-large = ‏المبلغ <code>{ $value }</code> USDT أكبر من الحد الأقصى للرمز <code>{ $max }</code> USDT. خفّض المبلغ في /settings.
trade-reason-nothing-to-sell = ‏لا يوجد في حسابك { $coin } للبيع.
trade-reason-insufficient-holding = ‏طلب التنبيه بيع <code>{ $qty }</code> { $coin }، لكن الحساب لا يملك إلا <code>{ $held }</code>.
trade-reason-invalid-key = ‏رفضت Bybit مفتاح API أو السر. تحقق منهما ثم أدخلهما مجددًا بالأمر /keys.
trade-reason-key-expired = ‏انتهت صلاحية مفتاح Bybit API. أنشئ مفتاحًا جديدًا على Bybit وأدخله بالأمر /keys.
trade-reason-permission-denied = ‏هذا المفتاح غير مسموح له بذلك. امنحه على Bybit صلاحيتي Orders وPositions (تداول العقود/الحساب الموحد والفوري) ثم أعد المحاولة.
trade-reason-ip-not-allowed = ‏المفتاح مقيّد بعناوين IP غير عنوان هذا الخادم. أضف عنوان الخادم إلى المفتاح على Bybit.
trade-reason-unknown-symbol = ‏لا يوجد لدى Bybit هذا الرمز في هذا السوق: { $detail }. تحقق من الرمز في التنبيه أو من السوق في /settings.
trade-reason-symbol-not-trading = ‏الرمز غير متاح للتداول على Bybit الآن (الحالة { $detail }).
trade-reason-timestamp = ‏رفضت Bybit وقت الطلب: ساعة هذا الخادم غير مضبوطة. اطلب من المسؤول ضبطها.
trade-reason-leverage-invalid = ‏الرافعة { $value }x غير مسموحة لهذا الرمز (الحد الأقصى { $max }x). غيّرها في /settings.
trade-reason-nothing-to-close = ‏لا توجد صفقة مفتوحة لإغلاقها.
trade-reason-no-keys = ‏لا يوجد مفتاح Bybit API لهذا الحساب. أضف مفتاحًا بالأمر /keys أو بدّل الحساب في /settings.
trade-reason-no-symbol = ‏لا يحتوي التنبيه على رمز ولا يوجد رمز افتراضي. أضف <code>symbol</code> إلى التنبيه أو حدّد رمزًا افتراضيًا في /settings.
trade-reason-stale = ‏كان عمر التنبيه { $value } ث، أي أكثر من حدّك الأقصى { $max } ث، فلم يُنفَّذ. غيّر الحد في /settings.
trade-reason-expired = ‏تعذّر الوصول إلى Bybit مدة { $value } ث، فأُلغي التنبيه بدل تنفيذه متأخرًا. لم يُوضع أي أمر.
trade-reason-exchange-down = ‏لم تستجب Bybit. أعد المحاولة بعد بضع دقائق.
trade-reason-exchange-error = ‏رفضت Bybit الأمر: { $detail }
trade-reason-key-read-only = ‏المفتاح للقراءة فقط ولا يستطيع وضع الأوامر. أنشئ مفتاحًا بصلاحيات تداول.
trade-reason-key-no-trade = ‏المفتاح بلا صلاحية تداول. اسمح له على Bybit بـ Orders وPositions (أو التداول الفوري).
trade-reason-price-off-market = ‏سعر التنبيه <code>{ $price }</code> يبتعد عن سعر السوق <code>{ $marketPrice }</code> بنسبة { $deviation } %، أي أكثر من الهامش المسموح لك { $tolerance } %، فلم يُحسب أي أمر منه. تحقّق من حقل <code>price</code> في التنبيه (يجب أن يكون سعر هذا الرمز، مثل سعر إغلاق الرسم البياني)، أو غيّر الهامش في /settings.
trade-reason-order-value-too-large = ‏كانت قيمة الأمر ستبلغ <code>{ $value }</code> USDT، أي أكثر من حدّك الأقصى <code>{ $max }</code> USDT للأمر الواحد، فلم يُوضع. خفّض المبلغ أو الرافعة أو <code>qty</code>، أو ارفع الحد في /settings.
trade-reason-strategy-partial-exit = ‏هذه رسالة الاستراتيجية الافتراضية في TradingView لخروج جزئي (مركز الاستراتيجية الجديد { $position }). لا تُستخدم عقودها لحساب الحجم، فلم يُوضع شيء. لإغلاق جزء من مركز، أرسل تنبيه JSON فيه <code>qty</code>.
trade-reason-tp-wrong-side = ‏جني الربح <code>{ $price }</code> ليس في جهة الربح من سعر الدخول <code>{ $marketPrice }</code> (أعلى منه للشراء، وأدنى منه للبيع)، فلم يُوضع شيء. راجع <code>tp</code>.
trade-reason-sl-wrong-side = ‏وقف الخسارة <code>{ $price }</code> في الجهة الخطأ من سعر الدخول <code>{ $marketPrice }</code> (أدنى منه للشراء، وأعلى منه للبيع)، فلم يُوضع شيء. راجع <code>sl</code>.
trade-reason-tp-rung-too-small = ‏خطوة جني الربح { $value } ستغلق <code>{ $qty }</code>، وهذا أقل من الحد الأدنى لكمية الرمز <code>{ $min }</code>، فلم يُوضع شيء: لا المركز ولا أي خطوة. استخدم خطوات أقل أو أحجامًا أكبر أو مبلغًا أكبر.
trade-reason-trailing-too-small = ‏مسافة الوقف المتحرك <code>{ $value }</code> أصغر من خطوة سعر الرمز <code>{ $step }</code>، فلم يُوضع شيء.
trade-reason-breakeven-needs-tp = ‏نقل الوقف إلى سعر الدخول بعد أول جني ربح يحتاج إلى جني ربح (<code>tp</code>)، فلم يُوضع شيء.
trade-reason-spot-protection = ‏في السوق الفوري يُرفق Bybit جني الربح أو وقف الخسارة بأوامر الحد فقط، ولا يدعم سلّم جني الربح ولا الوقف المتحرك، فلم يُوضع أمر الشراء هذا بسعر السوق. احذف <code>sl</code> و<code>tp</code> و<code>trailing</code> و<code>breakeven</code> من التنبيه (أو إعدادات الحماية الافتراضية في /settings)، أو تداول العقود.
trade-reason-protection-failed = ‏رفض Bybit أحد أوامر الحماية: { $detail }. المركز مفتوح: ضع وقف الخسارة أو جني الربح بنفسك على Bybit، أو أغلقه.
trade-reason-risk-needs-stop = ‏حساب الحجم بالمخاطرة ({ $value } % من حقوق الملكية حتى الوقف) يحتاج إلى وقف خسارة: الحجم = حقوق الملكية × نسبة المخاطرة ÷ |الدخول − الوقف|. أضف <code>sl</code> إلى التنبيه أو وقف خسارة افتراضيًا في /settings. في السوق الفوري، حيث لا يحمل أمر السوق وقفًا، احسب الحجم بالمبلغ أو بنسبة من حقوق الملكية. لم يُوضع شيء.
trade-reason-limit-protection = ‏سلّم جني الربح أو الوقف المتحرك يحتاج إلى مركز مفتوح، وأمر الحد ليس كذلك حتى يُنفَّذ، فلم يُوضع شيء. مع أمر الحد استخدم <code>sl</code> و<code>tp</code> مفردين، أو أرسل أمرًا بسعر السوق.
trade-reason-nothing-to-cancel = ‏لا توجد أوامر مفتوحة لهذا الرمز لإلغائها.
trade-reason-position-already-open = ‏لديك بالفعل مركز في هذا الاتجاه (<code>{ $qty }</code>): يبدو هذا تنبيهًا ثانيًا في الاتجاه نفسه دون إغلاق بينهما (فات تنبيه إغلاق، أو أُرسل التنبيه مرتين)، فلم يُوضع شيء. لزيادة المركز عن قصد أرسل التنبيه مع <code>"add": true</code>؛ وإن فات إغلاق فأغلق المركز أولًا (بزر البطاقة أو بتنبيه <code>close</code>).
reconcile-side-long = ‏مركز شراء
reconcile-side-short = ‏مركز بيع
reconcile-closed-outside = ‏⚠️ <b>{ $symbol }: أُغلق { $side } خارج Hookbot</b> (في تطبيق Bybit أو موقعه، أو بالتصفية)، لا بتنبيه ولا بوقف وضعه Hookbot. يعدّ Hookbot المركز مغلقًا الآن: تنبيه الشراء أو البيع التالي يفتح مركزًا جديدًا. إن لم تكن أنت من فعل ذلك فتحقق من الحساب على Bybit.
reconcile-grew-outside = ‏⚠️ <b>{ $symbol }: زاد { $side } خارج Hookbot</b> بمقدار <code>{ $qty }</code> (بأمر لم يضعه Hookbot). أوامر جني الربح والوقف التي وضعها Hookbot تغطي ما فتحه هو فقط. إن لم يكن ذلك مقصودًا فقلّل المركز على Bybit أو أغلقه بزر البطاقة.
reconcile-side-differs = ‏⚠️ <b>{ $symbol }: لدى Bybit { $actual } بحجم <code>{ $size }</code></b>، بينما ترك تنبيهك الأخير { $expected }. ربما فات تنبيه، أو تغيّر المركز خارج Hookbot. راجع سجل التنبيهات في TradingView والمركز على Bybit؛ لن يضيف Hookbot إلى مركز في الاتجاه نفسه ما لم يقل التنبيه <code>"add": true</code>.
reconcile-missed-alert = ‏⚠️ <b>{ $symbol }: لم يجد تنبيه الإغلاق أي مركز</b>، بينما ترك تنبيهك الأخير { $side } مفتوحًا. أُغلق خارج Hookbot حين لم يكن يراه، أو فات تنبيه بينهما. راجع سجل التنبيهات في TradingView والمركز على Bybit؛ يعدّ Hookbot المركز مغلقًا الآن.
trade-card-breakeven-failed = ‏• ⚠️ تعذّر نقل الوقف إلى نقطة التعادل: { $detail }. يبقى الوقف السابق؛ انقله في تطبيق Bybit إن أردت.
trade-order-cancelled-outside = ‏🚫 <b>أُلغي أمر على Bybit</b>، لا بواسطة Hookbot: { $side } <code>{ $qty }</code> { $symbol } بسعر <code>{ $price }</code> ({ $market }؛ المنفّذ <code>{ $filled }</code>؛ { $reason }؛ رقم الأمر <code>{ $orderId }</code>). لم يتغير شيء آخر؛ ضعه من جديد إن كنت لا تزال تريده.
trade-order-rejected-outside = ‏🚫 <b>رفض Bybit أمرًا</b>: { $side } <code>{ $qty }</code> { $symbol } بسعر <code>{ $price }</code> ({ $market }؛ السبب: { $reason }؛ رقم الأمر <code>{ $orderId }</code>). لم يُوضع شيء بدلًا منه.
trade-note-strategy-default = ‏ℹ️ هذا التنبيه هو رسالة الاستراتيجية الافتراضية في TradingView: «@ { $contracts }» هو عدد العقود وليس سعرًا، فلم يُستخدم. حُسب حجم الأمر من /settings بسعر السوق. لأحجام أخرى استخدم رسالة JSON فيها <code>amount</code> أو <code>qty</code>.
keys-title = ‏🔑 <b>مفاتيح Bybit API الخاصة بك</b>
keys-line = ‏{ $account }: <code>{ $key }</code> · حُفظ { $date } · IP: { $ips }
keys-line-missing = ‏{ $account }: غير محدد
keys-ips-any = ‏أي عنوان (غير مقيّد)
keys-help = ‏تُفحص المفاتيح لدى Bybit قبل حفظها وتُخزَّن مشفّرة، ولا يُعرض إلا المفتاح مقنّعًا. أنشئ مفتاحًا على Bybit (إدارة API) بصلاحيتي Orders وPositions؛ وللحساب التجريبي أنشئه في التداول التجريبي لدى Bybit.
btn-keys-set = ‏إضافة مفتاح { $account }
btn-keys-replace = ‏استبدال مفتاح { $account }
btn-keys-delete = ‏حذف مفتاح { $account }
keys-ask-key = ‏🔑 أرسل <b>مفتاح API</b> لحساب Bybit { $account }. سأحذف رسالتك فورًا. /cancel للإلغاء.
keys-ask-secret = ‏🔑 استُلم مفتاح API <code>{ $key }</code>. أرسل الآن <b>سر API</b>. سأحذف رسالتك فورًا. /cancel للإلغاء.
keys-usage = ‏الاستخدام: <code>/keys</code> أو <code>/keys demo</code> أو <code>/keys real</code> أو <code>/keys delete</code> أو <code>/keys delete demo</code>
keys-deleted = ‏🗑 حُذف. لا تُنفَّذ التنبيهات دون مفتاح للحساب الذي تستخدمه.
keys-none-deleted = ‏ℹ️ لم يكن هناك مفتاح لحذفه.
callback-key-deleted = ‏حُذف المفتاح.
keys-delete-yourself = ‏⚠️ تعذّر حذف رسالتك التي تحوي السر: احذفها بنفسك من فضلك.
keys-bad-format = ‏❓ هذا لا يشبه مفتاح Bybit أو سره (حروف لاتينية وأرقام فقط). أرسله مجددًا أو /cancel.
keys-refused = ‏❌ لم يُحفظ مفتاح الحساب { $account }.
keys-try-again = ‏أرسل /keys للمحاولة مجددًا.
keys-saved = ‏✅ فُحص مفتاح الحساب { $account } <code>{ $key }</code> لدى Bybit وحُفظ (مشفّرًا).
keys-ip-restricted = ‏🔒 يعمل فقط من عناوين IP هذه: { $ips }.
keys-ip-open = ‏⚠️ المفتاح غير مقيّد بعنوان IP. تُنهي Bybit صلاحية هذه المفاتيح بعد 90 يومًا؛ تقييده بعنوان هذا الخادم أكثر أمانًا.
keys-other-account = ‏ℹ️ أنت تتداول الآن على الحساب { $account }؛ بدّله في /settings لاستخدام هذا المفتاح.
settings-title = ‏⚙️ <b>إعدادات التداول</b>
settings-market = ‏السوق: <b>{ $market }</b>
settings-amount = ‏المبلغ لكل صفقة: <b>{ $amount } USDT</b>
settings-sizing = ‏حساب الحجم: <b>{ $sizing }</b>
settings-sizing-fixed = ‏المبلغ الثابت لكل صفقة
settings-sizing-equity = ‏{ $percent } % من حقوق الملكية
settings-sizing-available = ‏{ $percent } % من الرصيد المتاح
settings-sizing-risk = ‏مخاطرة { $percent } % من حقوق الملكية حتى وقف الخسارة
settings-leverage = ‏الرافعة: <b>{ $leverage }x</b> (للعقود الآجلة فقط)
settings-account = ‏الحساب: <b>{ $account }</b>
settings-symbol = ‏الرمز الافتراضي: <b>{ $symbol }</b>
settings-lag = ‏أقصى تأخير للإشارة: <b>{ $lag }</b>
settings-tolerance = ‏هامش السعر المسموح: <b>{ $tolerance }</b> (يُرفض التنبيه إذا ابتعد سعره عن السوق أكثر من ذلك)
settings-max-value = ‏أقصى قيمة للأمر: <b>{ $max }</b> (لأوامر الفتح؛ الإغلاق لا يُرفض أبدًا)
settings-protection = ‏الحماية: <b>{ $protection }</b> (وقف الخسارة وجني الربح والوقف المتحرك الافتراضية)
settings-confirm = ‏التأكيد قبل التنفيذ: <b>{ $state }</b> (بطاقة تنفيذ / تخطٍّ، { $seconds } ثانية للقرار)
settings-confirm-on = ‏مفعّل
settings-default-mark = ‏(افتراضي)
settings-none = ‏لا يوجد
settings-off = ‏معطّل
settings-seconds = ‏{ $seconds } ث
settings-spot-note = ‏في السوق الفوري، الشراء ينفق المبلغ بـ USDT والبيع يبيع العملة التي تملكها.
settings-real-warning = ‏⚠️ حساب حقيقي: التنبيهات تتداول بأموال حقيقية.
settings-no-key = ‏🔑 لا يوجد مفتاح API للحساب { $account } بعد: أضفه بالأمر /keys، وإلا تُعرض التنبيهات دون تنفيذ.
btn-set-market = ‏التبديل إلى { $market }
btn-set-account = ‏التبديل إلى { $account }
btn-set-amount = ‏المبلغ
btn-set-leverage = ‏الرافعة
btn-set-symbol = ‏الرمز الافتراضي
btn-set-lag = ‏تأخير الإشارة
btn-set-tolerance = ‏هامش السعر
btn-set-max-value = ‏أقصى قيمة للأمر
btn-set-protection = ‏🛡 وقف الخسارة / جني الربح
btn-set-sizing = ‏📐 حساب الحجم
btn-set-confirm-on = ‏✋ تأكيد كل تنبيه
btn-set-confirm-off = ‏⚡ تنفيذ التنبيهات فورًا
callback-saved = ‏حُفظ.
settings-ask-amount = ‏💵 أرسل المبلغ لكل صفقة بـ USDT، مثلًا <code>25</code>. /cancel للإلغاء.
settings-ask-leverage = ‏📈 أرسل الرافعة عددًا صحيحًا، مثلًا <code>5</code>. /cancel للإلغاء.
settings-ask-symbol = ‏🔤 أرسل الرمز الافتراضي للتنبيهات التي بلا رمز، مثلًا <code>BTCUSDT</code>، أو <code>-</code> لإزالته. /cancel للإلغاء.
settings-ask-lag = ‏⏱ أرسل أقصى عمر للتنبيه بالثواني (من 5 إلى 86400): التنبيهات الأقدم تُرفض ولا تُنفَّذ. أرسل <code>off</code> لتعطيله. يُستخدم حقل <code>timestamp</code> في التنبيه، وإلا وقت وصوله. /cancel للإلغاء.
settings-ask-tolerance = ‏🎯 أرسل هامش السعر المسموح بالنسبة المئوية، مثل <code>3</code>: يُرفض التنبيه إذا ابتعد <code>price</code> فيه عن آخر سعر في السوق أكثر من ذلك. أرسل <code>default</code> لقيمة الخادم الافتراضية. /cancel للإلغاء.
settings-ask-max-value = ‏🛡 أرسل أقصى قيمة لأمر فتح واحد بـ USDT، مثل <code>5000</code>. أرسل <code>default</code> لقيمة الخادم الافتراضية. /cancel للإلغاء.
settings-ask-protection =
    ‏🛡 أرسل الحماية الافتراضية لكل أمر فتح، كنِسَب مئوية من سعر الدخول، مثل:
    ‏<code>sl 1.5% tp 3%</code>
    ‏<code>sl 2% tp 1%:50% 3%:50% breakeven</code> (سلّم جني ربح: المستوى:حصة المركز؛ ثم يُنقل الوقف إلى سعر الدخول بعد أول جني ربح)
    ‏<code>trailing 0.5%</code>
    ‏أرسل <code>off</code> لإلغائها. حقول التنبيه <code>sl</code> و<code>tp</code> و<code>trailing</code> و<code>breakeven</code> تحل محلها. /cancel للإلغاء.
settings-ask-sizing =
    ‏📐 أرسل طريقة حساب حجم أوامر الفتح:
    ‏<code>25</code> — 25 USDT لكل أمر (المبلغ)
    ‏<code>10% equity</code> أو <code>10% available</code> — حصة من حقوق ملكية الحساب أو من رصيده المتاح (الهامش في العقود، والمبلغ المنفق في السوق الفوري)
    ‏<code>1% risk</code> — خسارة 1 % من حقوق الملكية على الأكثر إذا ضُرب وقف الخسارة (يحتاج إلى وقف خسارة)
    ‏<code>fixed</code> — العودة إلى المبلغ.
    ‏يمكن للتنبيه أن يحدد <code>"equity":"10%"</code> أو <code>"available":"10%"</code> أو <code>"risk":"1%"</code> بدلًا من ذلك. يبقى كل حجم خاضعًا لأقصى قيمة للأمر. /cancel للإلغاء.
settings-saved = ‏✅ حُفظ.
settings-bad-amount = ‏❓ يجب أن يكون المبلغ عددًا أكبر من 0 ولا يتجاوز { $max } USDT. أرسله مجددًا أو /cancel.
settings-bad-leverage = ‏❓ يجب أن تكون الرافعة عددًا صحيحًا من 1 إلى { $max }. أرسلها مجددًا أو /cancel.
settings-bad-symbol = ‏❓ «{ $symbol }» ليس رمزًا. أرسل رمزًا مثل <code>BTCUSDT</code> أو /cancel.
settings-exchange-down = ‏⏳ منصة Bybit لا تستجيب، فتعذّر فحص الرمز. أرسله مجددًا بعد قليل أو /cancel.
settings-unknown-symbol = ‏❓ لا يوجد لدى Bybit الرمز { $symbol } في { $market }. أرسل رمزًا آخر أو /cancel.
settings-bad-lag = ‏❓ أرسل عددًا صحيحًا من الثواني من 5 إلى 86400 أو <code>off</code>. أو /cancel.
settings-bad-tolerance = ‏❓ أرسل نسبة من { $min } إلى { $max }، أو <code>default</code>. أو /cancel.
settings-bad-max-value = ‏❓ أرسل عددًا من USDT أكبر من 0 ولا يزيد على { $max }، أو <code>default</code>. أو /cancel.
settings-bad-protection = ‏❓ { $error }. أرسلها هكذا <code>sl 1.5% tp 1%:50% 3%:50%</code>، أو <code>off</code>. أو /cancel.
settings-bad-sizing = ‏❓ { $error }. أرسل <code>25</code> أو <code>10% equity</code> أو <code>10% available</code> أو <code>1% risk</code> أو <code>fixed</code>. أو /cancel.
orders-empty = ‏📭 لا توجد إشارات بعد. ستظهر هنا التنبيهات التي تصل إلى رابطك ما دام لديك مفتاح Bybit.
orders-title = ‏📋 <b>آخر إشاراتك: { $count }</b>
orders-line = ‏• { $date } · { $action } <b>{ $symbol }</b> — { $result }
orders-placed = ‏✅ وُضع <code>{ $qty }</code> بسعر <code>{ $price }</code> (الأمر <code>{ $orderId }</code>)
orders-status-rejected = ‏❌ لم يُوضع
orders-status-expired = ‏⌛ مرفوض
orders-status-nothing = ‏ℹ️ لا شيء يُنفَّذ
orders-status-skipped = ‏⏸ تُخطّي (الحساب معطّل)
orders-status-pending = ‏⏳ بانتظار Bybit
orders-replay = ‏↻ إعادة لـ #{ $id }
events-empty = ‏📭 لم يصل شيء إلى روابطك الشخصية بعد. أرسل تنبيهًا أو رسالة إلى أحدها وسيظهر هنا.
events-page-empty = ‏📭 لا توجد أحداث أقدم.
events-title = ‏🧾 <b>ما وصل إلى روابطك</b>، الأحدث أولًا (الصفحة { $page })
events-head = ‏<b>#{ $id }</b> · { $provider } · { $date }
events-refused-head = ‏🚫 <b>{ $provider }</b> · { $date }
events-replay-of = ‏↻ إعادة لـ #{ $id }
events-what-alert = ‏{ $action } <b>{ $symbol }</b>
events-what-message = ‏💬 رسالة من <b>{ $sender }</b>
events-what-whatsapp-state = ‏📶 حالة WhatsApp: { $state }
events-what-fal = ‏🎨 المهمة <b>{ $job }</b>: { $status }
events-result-relayed = ‏✅ أُعيد إرساله إلى هذه المحادثة
events-result-nothing = ‏ℹ️ لا شيء لعرضه في المحادثة
events-result-no-keys = ‏✅ أُعيد إرساله إلى هذه المحادثة، دون أمر: ليس لديك مفتاح Bybit ‏(/keys)
events-result-pending = ‏⏳ لا يزال قيد الانتظار
events-result-inactive = ‏⏸ لم يُنفَّذ: كان حسابك معطّلًا
events-result-failed = ‏❌ فشل: { $error }
events-result-trade-pending = ‏⏳ الأمر بانتظار Bybit
events-result-placed = ‏✅ نُفِّذ الأمر: <code>{ $qty }</code> بسعر <code>{ $price }</code> (الأمر <code>{ $orderId }</code>)
events-result-trade-refused = ‏{ $status }: { $reason }
events-refused-reason = ‏❌ مرفوض (HTTP { $status }): { $reason }
events-refused-body = ‏بداية محتوى الطلب ({ $bytes } بايت إجمالًا):
events-refused-no-body = ‏كان محتوى الطلب فارغًا.
events-duplicate = ‏🔁 إعادة إرسال لـ #{ $id }: لم يُنفَّذ مرة أخرى
events-duplicate-unknown = ‏🔁 إعادة إرسال لطلب سابق: لم يُنفَّذ مرة أخرى
btn-replay = ‏↻ إعادة #{ $id }
event-replay-mark = ‏↻ <i>إعادة للحدث #{ $id }</i>
replay-confirm = ‏↻ <b>إعادة الحدث #{ $id } كصفقة جديدة؟</b>
    ‏{ $what }
    ‏سيُنفَّذ بإعداداتك ومفاتيحك الحالية، كأمر جديد.
btn-replay-execute = ‏✅ تنفيذ
btn-replay-skip = ‏✖️ تخطٍّ
replay-started = ‏↻ أُعيد الحدث #{ $id } كحدث #{ $newId }.
replay-skipped = ‏✖️ تم تخطي إعادة الحدث #{ $id }: لم يُنفَّذ شيء.
callback-replay-started = تُعاد الحدث #{ $id } كحدث #{ $newId }.
callback-replay-done = أُعيد بالفعل.
callback-replay-skipped-before = تم تخطي هذه الإعادة بالفعل.
callback-replay-missing = هذا الحدث لم يعد متاحًا.
keys-private-only = ‏🔒 أرسل /keys إليّ في محادثة خاصة: مفاتيح API لا مكان لها في مجموعة.

## Google Maps scrapes: bot/features/scrape.ts, src/services/scraper/
cmd-scrape = ‏جمع أماكن من خرائط Google
cmd-scrapenew = جمع أماكن ليست لديك بعد
cmd-cancel = ‏إيقاف الجمع الجاري
cmd-apikey = ‏مفتاح HTTP API وسرّ الـ webhooks
scrape-usage =
    ‏🔎 <b>جمع الأماكن من خرائط Google</b>
    ‏أرسل /scrape ثم ما تبحث عنه وعدد الأماكن (من 1 إلى { $max })، مثلًا:
    ‏<code>/scrape مطاعم في القاهرة 20</code>
    ‏لمنطقة كاملة تتجاوز حدّ الـ 120 نتيجة في الخرائط: ما تبحث عنه، ثم شرطة عمودية، ثم اسم مكان أو مربع إحداثيات (جنوب,غرب,شمال,شرق)، واختياريًا حجم الخلية بالكيلومتر:
    ‏<code>/scrape مقاهي | Kazan</code>
    ‏<code>/scrape مقاهي | 55.70,49.00,55.85,49.27 | 2</code>
scrape-too-many = ‏⏳ لديك بالفعل عمليات جمع في الانتظار أو قيد التشغيل (الحد { $count }). انتظر حتى تنتهي إحداها، أو أوقفها بالأمر /cancel.
scrape-progress =
    ‏🔎 <b>{ $query }</b>
    ‏{ $bar } { $done }/{ $total }
    ‏{ $phase } · الروابط الموجودة: { $found } · { $seconds } ث
scrape-progress-area =
    ‏🗺 <b>{ $query }</b>
    ‏{ $bar } الخلايا: { $cellsDone }/{ $cellsTotal }
    ‏{ $phase } · الأماكن: { $done } (المتوقع تقريبًا { $total }) · { $seconds } ث
scrape-area-refused = ‏❌ لا يمكن البحث في هذه المنطقة: { $error }
scrape-phase-queued = ‏⏳ في انتظار عامل متاح
scrape-phase-searching = ‏🌐 جارٍ فتح خرائط Google
scrape-phase-running = ‏⚙️ جارٍ استخراج الأماكن
scrape-phase-completed = ‏✅ اكتمل
scrape-phase-failed = ‏❌ فشل
scrape-phase-cancelled = ‏⏹ أُوقف
scrape-card-closed-permanently = ‏⛔ <b>مغلق نهائيًا</b>
scrape-card-closed-temporarily = ‏⏸ <b>مغلق مؤقتًا</b>
scrape-csv-caption = ‏📄 <b>{ $query }</b>: عدد الأماكن في هذا الملف: { $count }
scrape-summary =
    ‏✅ <b>اكتمل</b>: <b>{ $query }</b>، عدد الأماكن: { $count }، خلال { $seconds } ث.
    ‏📞 بهاتف: { $phones } · 🌐 بموقع: { $websites } · ✉️ ببريد إلكتروني: { $emails }
scrape-cancelled = ‏⏹ أُوقف جمع <b>{ $query }</b>. عدد الأماكن التي وُجدت قبل ذلك: { $count }.
scrape-error-blocked = ‏❌ خرائط Google تحظر البحث الآلي من هذا الخادم حاليًا، لذلك توقف جمع <b>{ $query }</b> (عدد الأماكن: { $count }). حاول مرة أخرى لاحقًا.
scrape-error-browser = ‏❌ تعذّر بدء جمع <b>{ $query }</b>: لا يوجد متصفح Chromium على الخادم. يمكن للمسؤول تثبيته بالأمر <code>npx playwright install chromium</code> أو ضبط CHROMIUM_PATH.
scrape-error-other = ‏❌ فشل جمع <b>{ $query }</b> (عدد الأماكن: { $count }): { $error }
cancel-none = ‏لا توجد عملية جمع لإيقافها.
cancel-requested = ‏⏹ جارٍ إيقاف جمع <b>{ $query }</b>…
apikey-message =
    ‏🔑 <b>مفتاح HTTP API الخاص بك</b>، يظهر هذه المرة فقط: احتفظ به سرًّا.
    ‏<code>{ $key }</code>

    ‏✍️ <b>سرّ توقيع الـ webhooks</b> (Standard Webhooks): تحقّق به من <code>webhook-signature</code> في كل طلب نرسله إليك.
    ‏<code>{ $secret }</code>

    ‏ابدأ الجمع بالطلب <code>POST { $base }/scrape</code> مع الترويسة <code>Authorization: Bearer &lt;المفتاح&gt;</code> وجسم JSON مثل:
    ‏<code>{ $example }</code>
apikey-existing =
    ‏🔑 مفتاح HTTP API الخاص بك يبدأ بـ <code>{ $prefix }</code>. لا يظهر المفتاح إلا عند إنشائه؛ اضغط الزر للحصول على مفتاح جديد (ويتوقف القديم فورًا).

    ‏✍️ <b>سرّ توقيع الـ webhooks</b> (Standard Webhooks):
    ‏<code>{ $secret }</code>
btn-new-apikey = ‏🔄 مفتاح API جديد
callback-apikey-new = ‏أُنشئ مفتاح API جديد؛ المفتاح القديم لم يعد يعمل.
help-scrape =
    ‏<b>خرائط Google</b>
    ‏/scrape &lt;ماذا&gt; &lt;كم&gt; — مثلًا <code>/scrape مطاعم في القاهرة 20</code> (بحد أقصى { $max }): يصلك كل مكان هنا فور العثور عليه، ثم ملف CSV
    ‏/scrapenew &lt;ماذا&gt; &lt;كم&gt; — مثل السابق، مع استبعاد الأماكن التي وصلتك في عمليات جمع سابقة
    ‏/scrape &lt;ماذا&gt; | &lt;مكان أو جنوب,غرب,شمال,شرق&gt; [| &lt;حجم الخلية بالكم&gt;] — منطقة كاملة خلية بعد خلية، بما يتجاوز الـ 120 نتيجة لبحث واحد، مثلًا <code>/scrape مقاهي | Kazan</code>
    ‏/scrape &lt;روابط أو معرّفات أماكن&gt; — إكمال قائمة لديك: يُفتح كل رابط مكان في خرائط Google أو معرّف مكان (ChIJ…) مباشرة
    ‏/watch &lt;ماذا&gt; &lt;كم&gt; — تكرار البحث يوميًا أو أسبوعيًا واستلام الأماكن الجديدة أو المتغيرة أو المغلقة فقط
    ‏/watches — عمليات المراقبة: إيقاف مؤقت أو استئناف أو حذف
    ‏/cancel — إيقاف الجمع الجاري
    ‏/apikey — مفتاحك لواجهة HTTP API (<code>POST /scrape</code>) والسرّ الذي نوقّع به الـ webhooks
## Trading — /positions, /balance, /pnl and the daily summary (/summary)
cmd-positions = ‏الصفقات المفتوحة، مع زر إغلاق لكل منها
cmd-balance = ‏رصيدك في Bybit: حقوق الملكية والمتاح والعملات
cmd-pnl = ‏الربح والخسارة المحققة: اليوم و7 و30 يومًا، لكل رمز
cmd-summary = ‏ملخص يومي في الساعة التي تختارها
account-read-failed = ‏❌ تعذرت قراءة حسابك ({ $account }) في Bybit. { $reason }
account-reason-no-keys = ‏لا يوجد مفتاح Bybit API لهذا الحساب. أضف مفتاحًا بالأمر /keys، أو بدّل الحساب في /settings.
account-reason-invalid-key = ‏رفضت Bybit مفتاح API أو السر. تحقق منهما ثم أدخلهما مجددًا بالأمر /keys.
account-reason-key-expired = ‏انتهت صلاحية مفتاح Bybit API. أنشئ مفتاحًا جديدًا في Bybit وأدخله بالأمر /keys.
account-reason-permission-denied = ‏مفتاح API غير مسموح له بهذا. امنحه في Bybit صلاحيات Positions وOrders وWallet (Unified Trading)، ثم أعد المحاولة.
account-reason-ip-not-allowed = ‏مفتاح API مقيد بعناوين IP أخرى غير عنوان هذا الخادم. أضف عنوان IP الخادم إلى المفتاح في Bybit.
account-reason-timestamp = ‏رفضت Bybit وقت الطلب: ساعة هذا الخادم غير مضبوطة. أبلغ المسؤول ليضبطها.
account-reason-exchange-down = ‏لم تستجب Bybit. أعد المحاولة بعد بضع دقائق.
account-reason-exchange-error = ‏ردت Bybit بخطأ: { $detail }
positions-title = ‏📊 <b>الصفقات المفتوحة</b> (العقود الآجلة، الحساب { $account })
positions-page = ‏الصفحة { $page } من { $pages } (عدد الصفقات: { $count })
positions-line = ‏<b>{ $symbol }</b> · { $side } <code>{ $size }</code> · الرافعة { $leverage }x
positions-line-prices = ‏الدخول <code>{ $entry }</code> · سعر العلامة <code>{ $mark }</code> · الربح غير المحقق <code>{ $pnl }</code> USDT
positions-side-long = ‏شراء (Long)
positions-side-short = ‏بيع (Short)
positions-none = ‏📭 لا توجد صفقات عقود آجلة مفتوحة.
positions-total-upl = ‏إجمالي الربح غير المحقق: <code>{ $pnl }</code> USDT
positions-spot-note = ‏🪙 لا توجد صفقات في السوق الفوري: ما اشتريته محفوظ كعملات.
positions-spot-coin = ‏• { $coin }: <code>{ $amount }</code>
positions-spot-none = ‏لا توجد عملات غير USDT.
btn-position-close = ‏✖️ إغلاق { $symbol } { $side }
btn-positions-prev = ‏◀️ السابق
btn-positions-next = ‏التالي ▶️
callback-position-closed = ‏جارٍ إغلاق { $symbol } بسعر السوق.
callback-position-busy = ‏جارٍ إغلاق هذه الصفقة بالفعل: لحظة من فضلك.
callback-position-nothing = ‏لم يعد هناك شيء مفتوح في صفقة { $symbol } هذه: أُغلقت من قبل. أرسل /positions لترى المفتوح الآن.
callback-position-failed = ‏لم تُغلق: التفاصيل في المحادثة.
position-closed = ‏✅ أُغلقت <b>{ $symbol }</b> بأمر سوق reduce-only: { $side } <code>{ $qty }</code> بسعر <code>{ $price }</code> · معرّف الأمر <code>{ $orderId }</code> (الحساب { $account })
balance-title = ‏💰 <b>الرصيد</b> (الحساب الموحد، { $account })
balance-equity = ‏حقوق الملكية: <code>{ $value }</code> USD
balance-available = ‏المتاح: <code>{ $value }</code> USD
balance-wallet = ‏رصيد المحفظة: <code>{ $value }</code> USD
balance-upl = ‏الربح غير المحقق (العقود الآجلة): <code>{ $value }</code> USD
balance-coins = ‏<b>العملات</b>
balance-no-coins = ‏لا توجد عملات برصيد.
balance-coin = ‏• { $coin }: <code>{ $amount }</code>
balance-coin-usd = ‏• { $coin }: <code>{ $amount }</code> (≈ <code>{ $usd }</code> USD)
pnl-title = ‏📈 <b>الربح والخسارة المحققة</b> (العقود الآجلة، الحساب { $account }، من سجل Bybit للصفقات المغلقة، بعد الرسوم)
pnl-zone-own = ‏يبدأ اليوم عند منتصف الليل بتوقيت { $zone }.
pnl-zone-quiet-hours = ‏يبدأ اليوم عند منتصف الليل بتوقيت { $zone } (المنطقة الزمنية لساعات الهدوء لديك؛ اختر غيرها بالأمر /summary zone).
pnl-zone-default = ‏يبدأ اليوم عند منتصف الليل بتوقيت UTC. اضبط منطقتك الزمنية بالأمر <code>/summary zone Asia/Dubai</code> (اسم منطقتك).
pnl-period-today = ‏اليوم
pnl-period-yesterday = ‏أمس
pnl-period-week = ‏7 أيام
pnl-period-month = ‏30 يومًا
pnl-line = ‏<b>{ $period }</b>: <code>{ $pnl }</code> USDT · الصفقات: { $trades } · الرابحة: { $rate } %
pnl-line-empty = ‏<b>{ $period }</b>: لا صفقات مغلقة
pnl-symbol = ‏• { $symbol }: <code>{ $pnl }</code> USDT · الصفقات: { $trades }
pnl-more = ‏• ورموز أخرى عددها { $count }
summary-usage =
    ‏🗓 <b>الملخص اليومي</b>: الربح والخسارة المحققة والصفقات المفتوحة والرصيد، مرة يوميًا في ساعتك.
    ‏<code>/summary 21</code> — كل يوم الساعة 21:00 بمنطقتك الزمنية
    ‏<code>/summary 21 Asia/Dubai</code> — مع ضبط المنطقة الزمنية
    ‏<code>/summary zone Africa/Cairo</code> — المنطقة الزمنية فقط (يحسب بها /pnl الأيام أيضًا)
    ‏<code>/summary off</code> — بلا ملخص
summary-status-on = ‏الآن: كل يوم الساعة { $hour } ({ $zone }).
summary-status-off = ‏الآن: متوقف (المنطقة الزمنية { $zone }).
summary-set = ‏✅ الملخص اليومي كل يوم الساعة { $hour } ({ $zone }). لإيقافه: /summary off.
summary-off = ‏✅ أُوقف الملخص اليومي.
summary-zone-set = ‏✅ المنطقة الزمنية: { $zone }. يحسب /pnl والملخص اليومي الأيام بها.
summary-bad-zone = ‏❓ منطقة زمنية غير معروفة «{ $zone }». استخدم اسمًا مثل <code>Asia/Dubai</code> أو <code>Africa/Cairo</code> أو <code>UTC</code>.
summary-title = ‏🗓 <b>الملخص اليومي</b> · { $day } ({ $zone }) · الحساب { $account }
summary-positions = ‏الصفقات المفتوحة: { $count }
summary-position = ‏• { $symbol } { $side } <code>{ $size }</code> · الربح غير المحقق <code>{ $pnl }</code> USDT
summary-positions-none = ‏لا توجد صفقات عقود آجلة مفتوحة.
summary-balance = ‏حقوق الملكية <code>{ $equity }</code> USD · المتاح <code>{ $available }</code> USD
summary-footer = ‏/positions · /pnl · /balance — الأمر <code>/summary off</code> يوقف هذه الرسالة.
cmd-q = الردود السريعة: إجابات محفوظة لعملاء واتساب وأفيتو
btn-quick-reply = ‏⚡ رد سريع
btn-qr-close = ‏✖ إغلاق
qr-no-connection = ‏ℹ️ الردود السريعة تخص اتصال WhatsApp أو Avito، وليس لديك أي اتصال. اتصل بأحدهما عبر <code>/connect whatsapp</code> أو <code>/connect avito</code>.
qr-which = ‏ℹ️ لديك اتصال بـ WhatsApp وAvito معاً: حدّد أيهما، مثلاً <code>/q add whatsapp hello Hello!</code>
qr-list-empty = ‏ℹ️ لا توجد ردود سريعة لـ { $service } بعد.
qr-list-title = ‏⚡ <b>الردود السريعة لـ { $service }</b> ({ $count } من { $limit }):
qr-list-hint = ‏للإضافة: <code>/q add name text</code> · للحذف: <code>/q del name</code> · للإرسال: <code>/q name</code> في موضوع العميل أو رداً على رسالته، أو زر «رد سريع» تحتها.
qr-usage =
    ‏<b>الردود السريعة</b> (حتى { $limit } لكل اتصال، وحتى { $max } حرفاً لكل رد)
    ‏<code>/q add hello Hello!</code> — حفظ رد
    ‏<code>/q list</code> — ردودك
    ‏<code>/q del hello</code> — حذف رد
    ‏<code>/q hello</code> — إرساله، في موضوع العميل أو رداً على رسالته
    ‏إذا كان WhatsApp وAvito متصلين معاً، فاذكر الخدمة: <code>/q add avito hello …</code>
qr-add-usage = ‏ℹ️ الاستخدام: <code>/q add name text</code> (يمكن أن يكون النص عدة أسطر، حتى { $max } حرفاً).
qr-del-usage = ‏ℹ️ الاستخدام: <code>/q del name</code>
qr-name-empty = ‏❌ يحتاج الرد إلى اسم.
qr-name-too-long = ‏❌ الاسم طويل جداً: { $max } حرفاً على الأكثر.
qr-name-characters = ‏❌ الاسم كلمة واحدة: حروف وأرقام و<code>_</code> و<code>-</code>.
qr-name-reserved = ‏❌ هذه الكلمة أمر من أوامر <code>/q</code>: اختر اسماً آخر.
qr-add-saved = ‏✅ حُفظ الرد السريع <code>{ $name }</code> لـ { $service }.
qr-add-replaced = ‏✅ استُبدل الرد السريع <code>{ $name }</code> لـ { $service }.
qr-add-full = ‏❌ لدى { $service } بالفعل { $limit } رداً سريعاً، وهو الحد الأقصى. احذف واحداً أولاً (<code>/q del name</code>).
qr-add-empty = ‏❌ الرد بلا نص.
qr-add-too-long = ‏❌ في النص { $length } حرفاً؛ والرد السريع يتسع لـ { $max } على الأكثر.
qr-deleted = ‏✅ حُذف الرد السريع <code>{ $name }</code> من { $service }.
qr-del-unknown = ‏ℹ️ لا يوجد لدى { $service } رد سريع باسم <code>{ $name }</code>.
qr-not-here = ‏⛔ لا يُرد على عملاء { $service } من هذه المحادثة.
qr-send-where = ‏ℹ️ أرسل <code>/q name</code> في موضوع العميل، أو رداً على رسالته.
qr-unknown = ‏❌ لا يوجد رد سريع باسم <code>{ $name }</code> لـ { $service }. المحفوظ: { $names }
callback-qr-gone = لم يعد ممكناً الرد على هذه الرسالة.
callback-qr-already-sent = أُرسل من قبل.
callback-qr-sent = أُرسل.
team-route-demoted = ‏⚠️ لم أعد مشرفاً بالصلاحيات اللازمة في المجموعة التي كانت تصل إليها رسائل { $service }، لذا تصل إلى هنا من جديد، بما فيها المنتظرة. اجعلني مشرفاً مجدداً (مع «إدارة المواضيع» إن كانت للمجموعة مواضيع) وأرسل /route هناك لنقلها مرة أخرى.
health-wa-not-authorized = ‏⚠️ خرجت نسخة WhatsApp <code>{ $instance }</code> من الحساب: فُك ربط الهاتف، ولا تصل أي رسائل. ما العمل: افتح لوحة Green API وامسح رمز QR بتطبيق WhatsApp على الهاتف (الأجهزة المرتبطة). سأخبرك عندما تعمل من جديد.
health-wa-blocked = ‏⛔ حظر WhatsApp رقم النسخة <code>{ $instance }</code>: لا يمكن استقبال الرسائل ولا إرسالها. ما العمل: تحقق من الرقم في WhatsApp على الهاتف، وراسل دعم WhatsApp أو Green API إن بقي محظوراً.
health-wa-sleep = ‏⚠️ هاتف نسخة WhatsApp <code>{ $instance }</code> غير متصل (وضع السكون)، فلا تصل أي رسائل. ما العمل: شغّل الهاتف واوصله بالإنترنت وافتح WhatsApp.
health-wa-state-other = ‏⚠️ نسخة WhatsApp <code>{ $instance }</code> في الحالة { $state } بدلاً من authorized، فقد لا تصل الرسائل. ما العمل: تحقق من النسخة في لوحة Green API وأعد تشغيلها هناك إن بقيت كذلك.
health-wa-silent = ‏⚠️ وصلت { $count } رسالة WhatsApp إلى Green API ولم تصل إليّ، مع أن الهاتف متصل (النسخة <code>{ $instance }</code>): توقفت الـ webhooks. ما العمل: تحقق من إعدادات الـ webhook للنسخة في لوحة Green API، أو أرسل /connect whatsapp مجدداً لأضبطها.
health-wa-credentials = ‏⚠️ يرفض Green API الرمز المحفوظ للنسخة <code>{ $instance }</code>، فلا يمكن فحص شيء أو إرساله. ما العمل: أرسل /connect whatsapp مع apiTokenInstance الحالي.
health-avito-unsubscribed = ‏⚠️ لم يعد Avito يرسل الرسائل الجديدة إلى الـ webhook الخاص بي: اختفى الاشتراك. إلى أن يعود أجلبها كل { $seconds } ثانية، وأواصل مطالبة Avito بالاشتراك من جديد. إن بقي الأمر كذلك فتحقق من صلاحية التطبيق للمراسلة على developers.avito.ru، أو أرسل /connect avito مجدداً.
health-avito-credentials = ‏⚠️ يرفض Avito قيم client_id وclient_secret المحفوظة، فلا يمكن جلب الرسائل. ما العمل: أرسل /connect avito بالمفاتيح الحالية.
health-recovered = ‏✅ عاد { $service } إلى العمل: تصل الرسائل كالمعتاد.
cmd-web = ‏عرض مباشر لأحداثك وأوامرك وعمليات الجمع
web-intro = ‏🌐 <b>العرض المباشر</b>: أحداثك وأوامرك وعمليات الجمع لحظة حدوثها، مع صوت لكل رسالة جديدة من واتساب أو أفيتو. افتحه بالزر أدناه.
web-link = ‏أو افتحه في متصفح (يعمل الرابط لمدة { $minutes } دقيقة؛ لا تشاركه):
    ‏{ $url }
web-needs-https = ‏ℹ️ يحتاج الزر داخل تيليجرام إلى أن يكون PUBLIC_URL للخادم على https؛ استخدم الرابط حتى ذلك الحين.
btn-web-open = ‏🌐 فتح العرض المباشر
webview-title = ‏العرض المباشر
webview-tab-events = ‏الأحداث
webview-tab-orders = ‏الأوامر
webview-tab-scrapes = ‏عمليات الجمع
webview-sound-on = ‏الصوت مفعّل
webview-sound-off = ‏مكتوم
webview-live = ‏مباشر
webview-reconnecting = ‏جارٍ إعادة الاتصال…
webview-refused = ‏غير مسموح:
webview-too-many = ‏عدد كبير من العروض المفتوحة
webview-empty-events = ‏لم يصل شيء إلى روابطك الشخصية بعد. أرسل تنبيهًا أو رسالة إلى أحدها وسيظهر هنا فورًا.
webview-empty-orders = ‏لا أوامر بعد.
webview-empty-scrapes = ‏لا عمليات جمع بعد. ابدأ واحدة بالأمر /scrape في البوت.
webview-col-when = ‏البدء
webview-col-query = ‏البحث
webview-col-status = ‏الحالة
webview-col-results = ‏النتائج
webview-col-finished = ‏الانتهاء
webview-scrape-queued = ‏في الانتظار
webview-scrape-running = ‏قيد التشغيل
webview-scrape-completed = ‏اكتملت
webview-scrape-failed = ‏فشلت
webview-scrape-cancelled = ‏أُلغيت

## Watches and place lists: bot/features/watch.ts, src/services/watches/
cmd-watch = ‏مراقبة بحث للأماكن الجديدة أو المتغيرة
cmd-watches = ‏عمليات المراقبة لديك
watch-usage =
    ‏👁 <b>مراقبة بحث</b>
    ‏أرسل /watch ثم ما تبحث عنه وعدد الأماكن التي تُفحص (من 1 إلى { $max })، مثلًا:
    ‏<code>/watch أطباء أسنان في القاهرة 50</code>
    ‏كل تشغيل يرسل فقط الأماكن الجديدة أو التي تغيرت (الهاتف، الموقع، التقييم) أو أُغلقت منذ التشغيل السابق.
watch-ask = ‏👁 كم مرة أفحص <b>{ $query }</b> ({ $count } مكانًا)؟ الأوقات بتوقيت { $zone }.
watch-btn-daily = ‏يوميًا { $time }
watch-btn-weekly = ‏أسبوعيًا { $time }
watch-started =
    ‏👁 أراقب <b>{ $query }</b>: { $schedule }.
    ‏يبدأ التشغيل الأول الآن وكل الأماكن فيه جديدة؛ بعده تصلك التغييرات فقط.
watch-too-many = ‏لديك بالفعل { $count } عمليات مراقبة. احذف واحدة من /watches أولًا.
callback-watch-missing = ‏هذه المراقبة لم تعد موجودة.
callback-watch-pause = ‏أُوقفت مؤقتًا.
callback-watch-resume = ‏استؤنفت.
callback-watch-del = ‏حُذفت.
watches-none = ‏ليست لديك عمليات مراقبة. ابدأ واحدة بالأمر /watch &lt;ماذا&gt; &lt;كم&gt;.
watches-title = ‏👁 <b>عمليات المراقبة لديك</b> ({ $count })
watches-item =
    ‏{ $number }. <b>{ $query }</b> ({ $count } مكانًا)
    ‏{ $schedule } · { $status }
watches-paused = ‏⏸ متوقفة مؤقتًا
watches-next = ‏التشغيل التالي { $at }
watch-btn-pause = ‏⏸ إيقاف { $number }
watch-btn-resume = ‏▶️ استئناف { $number }
watch-btn-delete = ‏🗑 حذف { $number }
watch-schedule-daily = ‏يوميًا الساعة { $time } ({ $zone })
watch-schedule-weekly = ‏أسبوعيًا يوم { $day } الساعة { $time } ({ $zone })
watch-weekday-1 = ‏الاثنين
watch-weekday-2 = ‏الثلاثاء
watch-weekday-3 = ‏الأربعاء
watch-weekday-4 = ‏الخميس
watch-weekday-5 = ‏الجمعة
watch-weekday-6 = ‏السبت
watch-weekday-7 = ‏الأحد
watch-change-new = ‏🆕 <b>جديد</b>
watch-change-closed = ‏⛔ <b>أُغلق</b> منذ التشغيل السابق
watch-change-changed = ‏✏️ <b>تغيّر</b>: { $fields }
watch-field-phone = ‏الهاتف
watch-field-website = ‏الموقع
watch-field-rating = ‏التقييم
watch-was = ‏كان { $value }
watch-run-nothing = ‏👁 <b>{ $query }</b>: لا جديد ولا تغيير منذ التشغيل السابق.
watch-run-summary = ‏👁 <b>{ $query }</b> منذ التشغيل السابق: 🆕 جديد { $fresh } · ✏️ تغيّر { $changed } · ⛔ أُغلق { $closed }
scrape-item-missing = ‏<b>{ $position }.</b> ❔ <code>{ $input }</code>: { $error }
scrape-places-too-many = ‏❌ الحد { $max } مكانًا في القائمة الواحدة (أرسلت { $count }).
scrape-places-bad =
    ‏❌ بعض العناصر ليست روابط أماكن في خرائط Google ولا معرّفات أماكن:
    ‏{ $problems }
scrape-error-proxies = ‏❌ توقف جمع <b>{ $query }</b> (الأماكن التي وُجدت: { $count }): لا يعمل أي من خوادم البروكسي الآن. تم إبلاغ المسؤول.
scrape-proxy-down = ‏⚠️ أُخرج بروكسي الجمع <code>{ $proxy }</code> من التناوب لمدة { $minutes } دقيقة: { $reason }
