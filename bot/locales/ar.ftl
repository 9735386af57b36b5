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
action-buy = ‏🟢 شراء
action-sell = ‏🔴 بيع
action-long = ‏🟢 مركز طويل
action-short = ‏🔴 مركز قصير
action-close = ‏⚪ إغلاق
action-exit = ‏⚪ خروج
action-stop = ‏🛑 وقف

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
cmd-lang = تغيير اللغة
cmd-help = ما يمكنني فعله
cmd-users = قائمة المستخدمين (للمشرف)
cmd-user = عرض بيانات مستخدم (للمشرف)
cmd-activate = تفعيل مستخدم (للمشرف)
cmd-deactivate = تعطيل مستخدم (للمشرف)

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
url-rotate-confirm =
    ‏⚠️ <b>هل تريد استبدال رابط Webhook؟</b>
    سيتوقف الرابط الحالي عن العمل فورًا، وسيتعيّن عليك لصق الرابط الجديد في كل تنبيه على TradingView يستخدمه.
btn-rotate-yes = ‏✅ نعم، استبدله
btn-rotate-no = ‏✖️ إلغاء
url-rotated = ‏✅ <b>تم استبدال رابط Webhook الخاص بك.</b> الرابط القديم لم يعد يعمل.

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

## المشرف: /users و/user و/activate و/deactivate
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

## FAL AI (issue #5): /fal ونتائج مهام FAL (src/services/fal/relayFal.ts)
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
connect-usage = ‏ماذا تريد أن تربط؟ أو أرسل <code>/connect whatsapp</code> أو <code>/connect avito</code>.
disconnect-usage = ‏طريقة الاستخدام: <code>/disconnect whatsapp</code> أو <code>/disconnect avito</code>
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
wa-state-authorized = ‏✅ مثيل واتساب <code>{ $instance }</code> مربوط ويعمل.
wa-state-not-authorized = ‏⚠️ سجّل مثيل واتساب <code>{ $instance }</code> الخروج: فُصل الهاتف. امسح رمز QR في لوحة تحكم Green API لربطه من جديد.
wa-state-blocked = ‏⛔ حظر واتساب رقم المثيل <code>{ $instance }</code>. لا يمكن استقبال الرسائل أو إرسالها.
wa-state-other = ‏ℹ️ أصبحت حالة مثيل واتساب <code>{ $instance }</code>: { $state }
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
reply-text-only = ‏ℹ️ لا يمكن إرسال سوى الردود النصية.
reply-reason-unauthorized = ‏رفضت الخدمة المفاتيح المحفوظة؛ اربطها من جديد.
reply-reason-unreachable = ‏تعذّر الوصول إلى الخدمة. حاول مرة أخرى بعد قليل.
avito-from-buyer = ‏🟠 <b>أفيتو</b> · { $name } · { $item }
btn-connect-whatsapp = واتساب (Green API)
btn-connect-avito = أفيتو
## المهمة رقم 3: التداول — /settings و/keys و/orders ونتائج الأوامر
cmd-settings = ‏إعدادات التداول: السوق والمبلغ والرافعة والحساب
cmd-keys = ‏مفاتيح Bybit API الخاصة بك
cmd-orders = ‏آخر إشاراتك وأوامرها
help-trading =
    ‏<b>التداول على Bybit</b>
    ‏/settings — السوق (فوري أو عقود USDT الدائمة) والمبلغ بـ USDT والرافعة والحساب التجريبي أو الحقيقي والرمز الافتراضي وأقصى تأخير للإشارة
    ‏/keys — إضافة مفاتيح Bybit API أو استبدالها أو حذفها (التجريبي والحقيقي منفصلان)؛ الأمر <code>/keys delete</code> يحذفها
    ‏/orders — آخر إشاراتك وما آلت إليه
    ‏إذا كان لديك مفتاح للحساب الذي تتداول عليه، يصبح كل تنبيه أمرًا بسعر السوق على Bybit وتصلك النتيجة هنا. حقول اختيارية في التنبيه: <code>amount</code> و<code>qty</code> و<code>leverage</code> و<code>market</code> و<code>tp</code> و<code>sl</code> و<code>timestamp</code>.
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
trade-leverage = ‏الرافعة: <b>{ $leverage }x</b>
trade-placed-title = ‏✅ <b>{ $action } { $symbol }</b>: تم وضع الأمر على Bybit ({ $market }، الحساب { $account })
trade-failed-title = ‏❌ <b>{ $action } { $symbol }</b>: لم يُوضع أي أمر ({ $market }، الحساب { $account })
trade-expired-title = ‏⌛ <b>{ $action } { $symbol }</b>: رُفض التنبيه لأنه قديم ({ $market }، الحساب { $account })
trade-nothing-title = ‏ℹ️ <b>{ $action } { $symbol }</b>: لا شيء يُنفَّذ ({ $market }، الحساب { $account })
trade-partial = ‏⚠️ وُضعت أوامر التنبيه هذه قبل توقفه:
trade-retrying = ‏⏳ <b>{ $action } { $symbol }</b>: منصة Bybit لا تستجيب. تُعاد المحاولة حتى { $minutes } دقيقة بمعرّف الأمر نفسه، فلا يمكن أن يوضع مرتين. ستصلك النتيجة هنا.
trade-not-configured = ‏💡 لم يُنفَّذ تداول: أضف مفتاح Bybit API بالأمر /keys لتصبح التنبيهات أوامر.
trade-reason-insufficient-balance = ‏الرصيد على Bybit لا يكفي لهذا الأمر. اشحن الحساب أو خفّض المبلغ أو الرافعة في /settings.
trade-reason-qty-too-small = ‏الكمية <code>{ $qty }</code> أقل من الحد الأدنى للرمز <code>{ $min }</code>. ارفع المبلغ (أو الرافعة) في /settings.
trade-reason-qty-too-large = ‏الكمية <code>{ $qty }</code> أكبر من الحد الأقصى لأمر السوق <code>{ $max }</code>. خفّض المبلغ في /settings.
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
settings-leverage = ‏الرافعة: <b>{ $leverage }x</b> (للعقود الآجلة فقط)
settings-account = ‏الحساب: <b>{ $account }</b>
settings-symbol = ‏الرمز الافتراضي: <b>{ $symbol }</b>
settings-lag = ‏أقصى تأخير للإشارة: <b>{ $lag }</b>
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
callback-saved = ‏حُفظ.
settings-ask-amount = ‏💵 أرسل المبلغ لكل صفقة بـ USDT، مثلًا <code>25</code>. /cancel للإلغاء.
settings-ask-leverage = ‏📈 أرسل الرافعة عددًا صحيحًا، مثلًا <code>5</code>. /cancel للإلغاء.
settings-ask-symbol = ‏🔤 أرسل الرمز الافتراضي للتنبيهات التي بلا رمز، مثلًا <code>BTCUSDT</code>، أو <code>-</code> لإزالته. /cancel للإلغاء.
settings-ask-lag = ‏⏱ أرسل أقصى عمر للتنبيه بالثواني (من 5 إلى 86400): التنبيهات الأقدم تُرفض ولا تُنفَّذ. أرسل <code>off</code> لتعطيله. يُستخدم حقل <code>timestamp</code> في التنبيه، وإلا وقت وصوله. /cancel للإلغاء.
settings-saved = ‏✅ حُفظ.
settings-bad-amount = ‏❓ يجب أن يكون المبلغ عددًا أكبر من 0 ولا يتجاوز { $max } USDT. أرسله مجددًا أو /cancel.
settings-bad-leverage = ‏❓ يجب أن تكون الرافعة عددًا صحيحًا من 1 إلى { $max }. أرسلها مجددًا أو /cancel.
settings-bad-symbol = ‏❓ «{ $symbol }» ليس رمزًا. أرسل رمزًا مثل <code>BTCUSDT</code> أو /cancel.
settings-exchange-down = ‏⏳ منصة Bybit لا تستجيب، فتعذّر فحص الرمز. أرسله مجددًا بعد قليل أو /cancel.
settings-unknown-symbol = ‏❓ لا يوجد لدى Bybit الرمز { $symbol } في { $market }. أرسل رمزًا آخر أو /cancel.
settings-bad-lag = ‏❓ أرسل عددًا صحيحًا من الثواني من 5 إلى 86400 أو <code>off</code>. أو /cancel.
orders-empty = ‏📭 لا توجد إشارات بعد. ستظهر هنا التنبيهات التي تصل إلى رابطك ما دام لديك مفتاح Bybit.
orders-title = ‏📋 <b>آخر إشاراتك: { $count }</b>
orders-line = ‏• { $date } · { $action } <b>{ $symbol }</b> — { $result }
orders-placed = ‏✅ وُضع <code>{ $qty }</code> بسعر <code>{ $price }</code> (الأمر <code>{ $orderId }</code>)
orders-status-rejected = ‏❌ لم يُوضع
orders-status-expired = ‏⌛ مرفوض
orders-status-nothing = ‏ℹ️ لا شيء يُنفَّذ
orders-status-skipped = ‏⏸ تُخطّي (الحساب معطّل)
orders-status-pending = ‏⏳ بانتظار Bybit
keys-private-only = ‏🔒 أرسل /keys إليّ في محادثة خاصة: مفاتيح API لا مكان لها في مجموعة.

## Google Maps scrapes (issue #4): bot/features/scrape.ts, src/services/scraper/
cmd-scrape = ‏جمع أماكن من خرائط Google
cmd-cancel = ‏إيقاف الجمع الجاري
cmd-apikey = ‏مفتاح HTTP API وسرّ الـ webhooks
scrape-usage =
    ‏🔎 <b>جمع الأماكن من خرائط Google</b>
    ‏أرسل /scrape ثم ما تبحث عنه وعدد الأماكن (من 1 إلى { $max })، مثلًا:
    ‏<code>/scrape مطاعم في القاهرة 20</code>
scrape-too-many = ‏⏳ لديك بالفعل عمليات جمع في الانتظار أو قيد التشغيل (الحد { $count }). انتظر حتى تنتهي إحداها، أو أوقفها بالأمر /cancel.
scrape-progress =
    ‏🔎 <b>{ $query }</b>
    ‏{ $bar } { $done }/{ $total }
    ‏{ $phase } · الروابط الموجودة: { $found } · { $seconds } ث
scrape-phase-queued = ‏⏳ في انتظار عامل متاح
scrape-phase-searching = ‏🌐 جارٍ فتح خرائط Google
scrape-phase-running = ‏⚙️ جارٍ استخراج الأماكن
scrape-phase-completed = ‏✅ اكتمل
scrape-phase-failed = ‏❌ فشل
scrape-phase-cancelled = ‏⏹ أُوقف
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
    ‏/cancel — إيقاف الجمع الجاري
    ‏/apikey — مفتاحك لواجهة HTTP API (<code>POST /scrape</code>) والسرّ الذي نوقّع به الـ webhooks
