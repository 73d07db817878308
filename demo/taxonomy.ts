/**
 * Categories and tags for Online Retail's products, read from their titles ("WHITE HANGING HEART
 * T-LIGHT HOLDER" is in "Candles & lights", tagged white and heart): the source has neither, and
 * a store without them shows no category pickers, rules or diversity worth seeing. The first
 * category whose words match wins; every matching tag is kept.
 */

const words = (...list: string[]) => new RegExp(`\\b(?:${list.join("|")})(?:S|ES)?\\b`)

/** In the order they are tried: seasonal first, then the kind of product. */
export const CATEGORIES: [string, RegExp][] = [
  ["Christmas", words("CHRISTMAS", "XMAS", "ADVENT", "SANTA", "REINDEER", "SNOWFLAKE", "BAUBLE", "NATIVITY")],
  ["Easter", words("EASTER", "CHICK", "BUNNY")],
  ["Jewellery", words("NECKLACE", "EARRING", "BRACELET", "RING", "CHARM", "DIAMANTE", "BEAD", "BROOCH", "HAIR", "PENDANT", "BANGLE")],
  ["Bags & purses", words("BAG", "PURSE", "TOTE", "SHOPPER", "WALLET", "BACKPACK")],
  ["Candles & lights", words("CANDLE", "T-LIGHT", "TEALIGHT", "LANTERN", "LIGHT", "NIGHTLIGHT", "LAMP", "CANDLESTICK", "MATCH", "INCENSE")],
  ["Bath & body", words("BATH", "SOAP", "TOWEL", "SPONGE", "WASHBAG", "HOT WATER", "TOILETRY", "COSMETIC", "MAKE UP", "LIP")],
  ["Party", words("PARTY", "BIRTHDAY", "BUNTING", "BALLOON", "CAKE CASE", "STRAW", "GARLAND", "PARASOL")],
  [
    "Kitchen & dining",
    words("MUG", "CUP", "TEA", "TEAPOT", "CAKE", "BOWL", "PLATE", "CUTLERY", "KITCHEN", "PANTRY", "JAR", "BOTTLE", "TRAY",
      "APRON", "OVEN", "BAKING", "SPOON", "NAPKIN", "COFFEE", "LUNCH", "JUG", "COASTER", "TOAST", "EGG CUP", "JAM", "RECIPE", "BISCUIT", "CHOPSTICK", "CAKESTAND", "COOKIE CUTTER", "PLACEMAT", "BREAD BIN",
      "SQUEEZER", "BEAKER", "EGG COSY", "SNACK BOX", "COOKING"),
  ],
  ["Cards & gift wrap", words("CARD", "WRAP", "GIFT", "RIBBON", "TISSUE", "ENVELOPE", "TAG")],
  ["Stationery", words("NOTEBOOK", "PENCIL", "PEN", "STICKER", "ERASER", "RUBBER", "JOURNAL", "CALENDAR", "DIARY", "NOTE", "PAPER", "CRAYON", "CHALK", "TAPE", "WRITING SET",
    "STATIONERY", "SCISSOR", "PAINT SET")],
  ["Toys & games", words("TOY", "GAME", "DOLL", "PUZZLE", "SPACEBOY", "SKIPPING", "JIGSAW", "PLAYHOUSE", "TEDDY", "SOLDIER", "DOMINO", "MARBLE", "BLOCK", "SPINNING", "KIT",
    "SLATE", "LADDER", "MONEY BANK", "PIGGY BANK", "TATTOO", "GLOBE", "FELTCRAFT", "SPADE")],
  ["Garden", words("GARDEN", "PLANT", "WATERING", "BIRD", "POT", "PLANTER", "SEED", "HERB", "TRUG", "GNOME")],
  ["Clothing & accessories", words("UMBRELLA", "SCARF", "GLOVE", "HAT", "SLIPPER", "SOCK", "HANDWARMER", "HAND WARMER", "POMPOM", "HAIRBAND")],
  ["Storage", words("BOX", "STORAGE", "BASKET", "TIN", "CASE", "DRAWER", "CABINET", "CRATE", "BUCKET", "HOLDER", "RACK")],
  [
    "Home decor",
    words("CUSHION", "FRAME", "MIRROR", "CLOCK", "SIGN", "DECORATION", "HANGING", "WALL", "DOORMAT", "HOOK", "VASE", "ORNAMENT",
      "PLAQUE", "TILE", "STAND", "DOORSTOP", "THROW", "CURTAIN", "BLANKET", "QUILT", "HEART", "WREATH", "FLOWER", "CHALKBOARD", "MAGNET"),
  ],
]
export const OTHER_CATEGORY = "Gifts & more"

/** Tag -> the words in a title that earn it. */
export const TAGS: [string, RegExp][] = [
  ...["PINK", "RED", "BLUE", "WHITE", "GREEN", "BLACK", "IVORY", "CREAM", "SILVER", "GOLD", "PURPLE", "ORANGE", "YELLOW"].map(
    (colour) => [colour.toLowerCase(), words(colour)] as [string, RegExp]
  ),
  ["vintage", words("VINTAGE", "ANTIQUE", "RETRO", "BAROQUE", "REGENCY", "FRENCH")],
  ["retrospot", words("RETROSPOT", "POLKADOT", "SPOT", "DOTTY")],
  ["heart", words("HEART", "SWEETHEART", "LOVE")],
  ["floral", words("FLOWER", "ROSE", "DAISY", "FLORAL", "BLOSSOM", "PAISLEY")],
  ["animals", words("BIRD", "BUTTERFLY", "RABBIT", "DOG", "CAT", "OWL", "HEN", "PIG", "BEAR", "ELEPHANT", "MOUSE")],
  ["kids", words("SPACEBOY", "DOLLY GIRL", "CHILDREN", "CHILDS", "KIDS", "CIRCUS", "FAIRY", "PIRATE")],
  ["woodland", words("WOODLAND", "TREE", "LEAF", "MUSHROOM", "TOADSTOOL")],
  ["union jack", words("UNION JACK", "UNION FLAG", "LONDON", "ENGLISH")],
  ["glass", words("GLASS", "CRYSTAL")],
  ["metal", words("METAL", "ZINC", "TIN", "IRON", "WIRE", "ENAMEL")],
  ["wood", words("WOOD", "WOODEN")],
  ["ceramic", words("CERAMIC", "PORCELAIN", "BONE CHINA", "STONEWARE")],
  ["fabric", words("FELT", "FABRIC", "COTTON", "LINEN", "GINGHAM", "KNITTED", "FLOCK", "LACE")],
  ["set", words("SET", "PACK", "ASSORTED")],
]

export function categoryOf(title: string): string {
  const t = title.toUpperCase()
  return CATEGORIES.find(([, pattern]) => pattern.test(t))?.[0] ?? OTHER_CATEGORY
}

export function tagsOf(title: string): string[] {
  const t = title.toUpperCase()
  return TAGS.filter(([, pattern]) => pattern.test(t)).map(([tag]) => tag)
}
