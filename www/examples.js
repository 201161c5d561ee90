// Examples for the playground: invented, in the shapes bots use (see
// docs/reference/bot-patterns.md), and ordinary comments that must stay
// visible. None is copied from a real comment.

export const EXAMPLES = [
  {
    id: 'bot-bold-name',
    kind: 'bot',
    author: '🍓 𝐌𝐘 𝐇𝐎𝐓 𝐕𝐈𝐃𝐄𝐎 - SĘÉ NÓW !',
    text: 'This song takes me back to summer 2019 ❤️',
    label: {
      en: 'Lure in bold letters, normal comment',
      nl: 'Lokaas in vette letters, gewone reactie',
      fr: 'Appât en lettres grasses, commentaire normal',
    },
  },
  {
    id: 'bot-script-name-fr',
    kind: 'bot',
    author: 'Chloé 💋 𝓡𝓮𝓰𝓪𝓻𝓭𝓮 𝓶𝓸𝓷 𝓹𝓻𝓸𝓯𝓲𝓵',
    text: 'Trop bien cette vidéo',
    label: {
      en: 'French lure in script letters',
      nl: 'Frans lokaas in sierletters',
      fr: 'Appât en lettres calligraphiées',
    },
  },
  {
    id: 'bot-lookalike-name',
    kind: 'bot',
    author: 'Ánna 💋 Ĺ!νё ςам ɴᴏᴡ',
    text: 'Hii',
    label: {
      en: 'Greek and Cyrillic look-alikes',
      nl: 'Griekse en Cyrillische letters',
      fr: 'Lettres grecques et cyrilliques',
    },
  },
  {
    id: 'bot-cyrillic-text',
    kind: 'bot',
    author: '@lena.x0x0',
    text: 'won’t уоu еven text mе? 💦',
    label: {
      en: 'Hidden letters in the comment',
      nl: 'Verstopte letters in de reactie',
      fr: 'Lettres cachées dans le commentaire',
    },
  },
  {
    id: 'bot-backwards',
    kind: 'bot',
    author: '@KaylaRose',
    text: 'woN ym eeS - oediv toh ym',
    label: {
      en: 'Written backwards',
      nl: 'Achterstevoren geschreven',
      fr: 'Écrit à l’envers',
    },
  },
  {
    id: 'ham-nl',
    kind: 'normal',
    author: '@Lotte-vz3kq',
    text: 'Wie kijkt hier ook nog in 2025? Mijn broertje kent alle woorden vanbuiten 😂',
    label: {
      en: 'Dutch comment',
      nl: 'Nederlandse reactie',
      fr: 'Commentaire en néerlandais',
    },
  },
  {
    id: 'ham-fr',
    kind: 'normal',
    author: '@camille.dubois',
    text: 'J’adore cette chanson, ma fille la chante tous les matins avant l’école !',
    label: {
      en: 'French comment',
      nl: 'Franse reactie',
      fr: 'Commentaire en français',
    },
  },
  {
    id: 'ham-sexting-lesson',
    kind: 'normal',
    author: '@meneer_tom',
    text: 'Goeie les vandaag over sexting en toestemming, dank je juf!',
    label: {
      en: 'A lesson about sexting',
      nl: 'Een les over sexting',
      fr: 'Un cours sur le sexting',
    },
  },
  {
    id: 'ham-hot-summer',
    kind: 'normal',
    author: '@Noor-p2x8m',
    text: 'Wat een hete zomer was dat, we zaten elke dag aan het water 😎',
    label: {
      en: '“Hot” summer, in Dutch',
      nl: 'Een hete zomer',
      fr: 'Un été «\u00a0chaud\u00a0», en néerlandais',
    },
  },
];
