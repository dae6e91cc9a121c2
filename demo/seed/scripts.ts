/**
 * What the demo's customers and agents say: whole exchanges about orders, refunds and deliveries in
 * five languages (one right-to-left), the small talk that keeps long chats going, photos and locations.
 */
import type { GeoLocation } from '../../src/core/model.js';

export type Language = 'en' | 'es' | 'de' | 'fr' | 'ar';

export interface SeedImage {
  name: string;
  width: number;
  height: number;
  /** A tiny PNG, base64. */
  png: string;
}

const CRUSHED_PARCEL: SeedImage = {
  name: 'parcel.png',
  width: 48,
  height: 36,
  png: 'iVBORw0KGgoAAAANSUhEUgAAADAAAAAkCAIAAABAJy5dAAAAqElEQVR42u3XsQ2AIBCFYYdgDddgHCdgGEdgAocxFo5hR0wUxOM9juKSv7ziy+tu2o9zqCYDGchAiiA/Oz+7GDwjCSgGzzMJQckEZ8lBJFMTiGFqBcFNABCWBQOhTEgQxCQBbetSKJnKZ7nAC7VPxQKJTUSQzMQFCUx00F9WJ1C9qR+o0tQVVGPqDfpk6YAKJjVQzqQJejUpg56sIUB30yigZLJX2kCsLqE8Im+KIfEuAAAAAElFTkSuQmCC',
};
export const RECEIPT: SeedImage = {
  name: 'receipt.png',
  width: 30,
  height: 40,
  png: 'iVBORw0KGgoAAAANSUhEUgAAAB4AAAAoCAIAAABmcd1FAAAARUlEQVR42mNIyGuiEWIYLkb/+vWNPDQ4jJ6GGwxiV48aTXw0Yo3S0bAezY2j0TiaG0eNHs2No7lxNDeO5sYhEyBDoJsEANnF+doe449UAAAAAElFTkSuQmCC',
};
const SIZE_LABEL: SeedImage = {
  name: 'size-label.png',
  width: 40,
  height: 40,
  png: 'iVBORw0KGgoAAAANSUhEUgAAACgAAAAoCAIAAAADnC86AAAARElEQVR42u3XsQ0AEBCGUZOozWRi49iAWiu5CN6X61/zN5f6oRIYDH4OzrXFHfhveEQGBq+V3cDGBQaDX4N9EmDwffAEVcJ1OnwoXAUAAAAASUVORK5CYII=',
};

const PICKUP_POINT: GeoLocation = {
  latitude: 51.5226,
  longitude: -0.1571,
  accuracy: 12,
  label: 'Parcel pickup — Baker Street News, 12 Baker Street',
};
export const CUSTOMER_AT_LOCKER: GeoLocation = { latitude: 53.4794, longitude: -2.2453, accuracy: 35 };

/** One line of a scripted exchange. `{order}`, `{amount}`, `{item}` and `{day}` are filled in per conversation. */
export interface Line {
  from: 'customer' | 'agent';
  text: string;
  image?: SeedImage;
  location?: GeoLocation;
}

export interface Script {
  /** Whole exchanges about one problem, opening with the customer. */
  topics: Line[][];
  /** A customer's follow-up question and the agent's answer, about one `{item}`: what keeps a long conversation going. */
  chatter: Array<[customer: string, agent: string]>;
  /** What a scripted customer answers to an agent's message. */
  replies: string[];
}

export const c = (text: string, extra: Omit<Line, 'from' | 'text'> = {}): Line => ({
  from: 'customer',
  text,
  ...extra,
});
export const a = (text: string, extra: Omit<Line, 'from' | 'text'> = {}): Line => ({ from: 'agent', text, ...extra });

export const SCRIPTS: Record<Language, Script> = {
  en: {
    topics: [
      [
        c('Hi, my order {order} was supposed to arrive yesterday and it still hasn’t come.'),
        a('Sorry about that! Let me check the tracking for {order}.'),
        c('Thanks. The app has said “in transit” since Monday.'),
        a('It’s at your local depot and booked for delivery tomorrow before 6 pm.'),
        c('Can they leave it with a neighbour if I’m out?'),
        a('Done — I’ve added a note for the courier to leave it with a neighbour.'),
        c('Perfect, thank you!'),
      ],
      [
        c('I sent a jacket back two weeks ago and still haven’t had my refund.'),
        a('I’m sorry for the wait. Could you give me the order number?'),
        c('It’s {order}.'),
        a(
          'Thanks. The return reached our warehouse on the 3rd and the refund of £{amount} went out today. It can take 3–5 working days to show on your card.',
        ),
        c('OK, thanks for checking.'),
      ],
      [
        c('The parcel arrived but the box was crushed and the mug inside is broken.'),
        c('Here’s a photo.', { image: CRUSHED_PARCEL }),
        a('Thanks for the photo — that was clearly damaged in transit. Would you like a replacement or a refund?'),
        c('A replacement please.'),
        a('A new one is on its way; you’ll get a tracking link by email within the hour.'),
        c('Great, thanks for sorting it so quickly.'),
      ],
      [
        c('Can I swap the trainers from order {order} for a size 42?'),
        c('This is the label on the box.', { image: SIZE_LABEL }),
        a('Of course. Are they unworn?'),
        c('Yes, still in the box.'),
        a(
          'Great, I’ve set up the exchange. Print the label from the email we just sent and drop the parcel at any post office.',
        ),
        c('Brilliant, will do.'),
      ],
      [
        c('I’ve moved house — can I change the delivery address for {order}?'),
        a('No problem, what’s the new address?'),
        c('Flat 4, 27 Harbour Street, Leith, EH6 6QN'),
        a('Updated. The courier will now deliver to Harbour Street on {day}.'),
        c('Thank you!'),
      ],
      [
        c('Where exactly is the pickup point? I’ve walked past twice and can’t find it.'),
        a('It’s inside the newsagent on the corner — here’s the exact spot.', { location: PICKUP_POINT }),
        c('Found it, thanks!'),
      ],
      [
        c('My discount code SPRING15 says it has expired, but the email says it’s valid until Sunday.'),
        a('Let me look… you’re right. I’ve applied the 15% to your basket by hand.'),
        c('Brilliant, thank you.'),
      ],
      [
        c('I’ve been charged twice for order {order}!'),
        a(
          'I’m sorry about that. I can see one payment of £{amount} and a pending authorisation — the second one drops off within 48 hours.',
        ),
        c('So I don’t need to do anything?'),
        a('Nothing at all. If it’s still there on Friday, message us and we’ll refund it straight away.'),
        c('OK, thanks.'),
      ],
    ],
    chatter: [
      ['And the {item}? Is that in the same delivery?', 'The {item} ships separately; it’s due on {day}.'],
      [
        'Could the {item} come on {day} instead?',
        'Done — I’ve moved the {item} to {day}. You’ll get a confirmation email.',
      ],
      [
        'I’ve just unpacked the {item} — the colour is a bit different from the website.',
        'Sorry about that. You can send the {item} back free within 30 days, or keep it with 20% off.',
      ],
      ['What’s the return window for the {item}?', '30 days from delivery, and we collect it for free.'],
      [
        'Will the driver carry the {item} upstairs? I’m on the third floor.',
        'Yes, two people deliver the {item} and take it to the room of your choice.',
      ],
      [
        'The tracking for the {item} hasn’t updated since yesterday.',
        'The {item} is at the depot; tracking updates when it’s loaded onto the van on {day}.',
      ],
      [
        'Is the {item} still under warranty? One of the legs wobbles.',
        'It is — a technician will come on {day} to fix the {item}.',
      ],
      ['Do you still have the {item} in oak?', 'We do; I can swap it before it ships on {day}.'],
    ],
    replies: [
      'Thanks, that helps.',
      'OK, I’ll keep an eye out for it.',
      'Great, thank you!',
      'How long will that take?',
      'Could you send me that by email too?',
      'Perfect 👍',
      'Sorry, one more thing — can I change the delivery day?',
      'That’s good news, thanks.',
    ],
  },
  es: {
    topics: [
      [
        c('Hola, mi pedido {order} todavía no ha llegado.'),
        a('Hola, lo siento mucho. Déjeme revisar el seguimiento.'),
        c('Gracias. Pone que está en reparto desde el lunes.'),
        a('El paquete está en la oficina de correos de su barrio; puede recogerlo a partir de mañana.'),
        c('Perfecto, muchas gracias.'),
      ],
      [
        c('Buenas, quiero devolver unas zapatillas del pedido {order}.'),
        a('Claro. ¿Están sin usar?'),
        c('Sí, en su caja.'),
        a('Le acabo de enviar la etiqueta de devolución. El reembolso de {amount} € llegará en 3–5 días hábiles.'),
        c('Genial, gracias.'),
      ],
    ],
    chatter: [
      ['¿Y el {item}? ¿Llega en el mismo envío?', 'El {item} se envía aparte y llegará el {day}.'],
      ['¿Podría llegar el {item} el {day}?', 'Hecho, he cambiado la entrega del {item} al {day}.'],
    ],
    replies: ['Gracias, muy amable.', 'Vale, entendido.', '¿Cuánto tardará?', 'Perfecto 👍'],
  },
  de: {
    topics: [
      [
        c('Guten Tag, ich möchte meine Bestellung {order} stornieren.'),
        a('Guten Tag! Die Bestellung ist noch nicht versandt, ich storniere sie sofort.'),
        c('Wann bekomme ich mein Geld zurück?'),
        a('Die Erstattung von {amount} € geht innerhalb von 3–5 Werktagen auf Ihre Karte.'),
        c('Vielen Dank für die schnelle Hilfe!'),
      ],
      [
        c('Hallo, das Paket {order} wurde laut Sendungsverfolgung zugestellt, aber ich habe nichts bekommen.'),
        a('Das tut mir leid. Ich frage beim Zusteller nach, wo das Paket abgegeben wurde.'),
        c('Danke, ich war den ganzen Tag zu Hause.'),
        a('Es wurde bei Ihrem Nachbarn in Hausnummer 14 abgegeben.'),
        c('Ah, super, dann hole ich es gleich.'),
      ],
    ],
    chatter: [
      ['Und der {item}? Kommt der mit derselben Lieferung?', 'Der {item} wird separat verschickt und kommt am {day}.'],
      ['Kann der {item} auch am {day} kommen?', 'Erledigt, der {item} kommt jetzt am {day}.'],
    ],
    replies: ['Danke, das hilft mir.', 'Alles klar.', 'Wie lange dauert das?', 'Super 👍'],
  },
  fr: {
    topics: [
      [
        c('Bonjour, j’ai reçu le mauvais article : j’ai commandé une lampe bleue et j’ai reçu une verte.'),
        a('Bonjour, toutes mes excuses. Je vous envoie la lampe bleue aujourd’hui.'),
        c('Dois-je renvoyer la verte ?'),
        a('Oui, avec l’étiquette de retour gratuite que je viens de vous envoyer par e-mail.'),
        c('Parfait, merci beaucoup.'),
      ],
      [
        c('Bonjour, ma commande {order} indique « livrée » mais je n’ai rien reçu.'),
        a('Je suis désolé. Je lance une enquête auprès du transporteur.'),
        c('Merci. Combien de temps cela prend-il ?'),
        a('48 heures au plus. Sans nouvelles, nous vous rembourserons {amount} €.'),
        c('D’accord, merci.'),
      ],
    ],
    chatter: [
      ['Et le {item} ? Il arrive dans le même colis ?', 'Le {item} est expédié à part, il arrivera {day}.'],
      ['Le {item} peut-il arriver {day} ?', 'C’est fait, le {item} arrivera {day}.'],
    ],
    replies: ['Merci, c’est très clair.', 'D’accord.', 'Combien de temps cela prendra-t-il ?', 'Parfait 👍'],
  },
  ar: {
    topics: [
      [
        c('مرحبا، طلبي رقم {order} لم يصل بعد.'),
        a('مرحبا، آسف على التأخير. دعني أتحقق من حالة الشحنة.'),
        c('شكرا. مكتوب أنه في الطريق منذ ثلاثة أيام.'),
        a('الشحنة في مركز التوزيع وستصل غدا قبل الساعة السادسة مساء.'),
        c('ممتاز، شكرا جزيلا.'),
      ],
      [
        c('السلام عليكم، أريد استرجاع المبلغ للطلب {order} لأن المقاس غير مناسب.'),
        a('وعليكم السلام. أرسلت لك ملصق الإرجاع على بريدك الإلكتروني.'),
        c('متى يصلني المبلغ؟'),
        a('خلال ٣ إلى ٥ أيام عمل بعد وصول الطرد إلى المستودع.'),
        c('تمام، شكرا لك.'),
      ],
    ],
    chatter: [
      ['وماذا عن {item}؟ هل يصل مع نفس الشحنة؟', 'سيتم شحن {item} بشكل منفصل ويصل يوم {day}.'],
      ['هل يمكن توصيل {item} يوم {day}؟', 'تم، سيصل {item} يوم {day}.'],
    ],
    replies: ['شكرا جزيلا.', 'حسنا، فهمت.', 'كم من الوقت سيستغرق ذلك؟', 'ممتاز 👍'],
  },
};

export const ITEMS: Record<Language, string[]> = {
  en: [
    'sofa',
    'bookshelf',
    'desk lamp',
    'rug',
    'dining table',
    'side table',
    'mirror',
    'bed frame',
    'armchair',
    'wardrobe',
  ],
  es: ['sofá', 'escritorio', 'espejo', 'armario'],
  de: ['Schreibtisch', 'Teppich', 'Spiegel', 'Schrank'],
  fr: ['canapé', 'bureau', 'miroir', 'tapis'],
  ar: ['الكنبة', 'المكتب', 'المرآة', 'السجادة'],
};
export const DAYS: Record<Language, string[]> = {
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  es: ['lunes', 'martes', 'miércoles', 'jueves', 'viernes'],
  de: ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag'],
  fr: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi'],
  ar: ['الأحد', 'الإثنين', 'الثلاثاء', 'الأربعاء', 'الخميس'],
};
