// The grammY peer of contactdesk's benchmark (issue 14): the same rules as contactdesk's processor for the
// commands the benchmark sends, as a team would write them with grammY: one Node process, @grammyjs/runner
// fetching and handling concurrently, sequentialize() keeping each chat in order, pg for PostgreSQL.
// Settings (environment): TELEGRAM_TOKEN, TELEGRAM_API_URL, DATABASE_URL, PEER_SCHEMA, SIGNUP_BONUS_CREDITS,
// UNLOCK_COST_CREDITS, RATE_LIMIT_MAX_REQUESTS, RATE_LIMIT_WINDOW_SECONDS.
'use strict';
const { Bot, InlineKeyboard } = require('grammy');
const { run, sequentialize } = require('@grammyjs/runner');
const { Pool } = require('pg');

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`grammy-peer: ${name} is not set`);
    process.exit(2);
  }
  return value;
}

const schema = required('PEER_SCHEMA');
const bonus = Number(process.env.SIGNUP_BONUS_CREDITS || 3);
const cost = Number(process.env.UNLOCK_COST_CREDITS || 1);
const maxRequests = Number(process.env.RATE_LIMIT_MAX_REQUESTS || 10);
const windowMs = Number(process.env.RATE_LIMIT_WINDOW_SECONDS || 60) * 1000;
const pool = new Pool({ connectionString: required('DATABASE_URL'), max: 10 });
const bot = new Bot(required('TELEGRAM_TOKEN'), { client: { apiRoot: required('TELEGRAM_API_URL') } });

let listings = [];
let categories = [];
const PAGE = 5;

// Per-user fixed window, as the processor's: the first update over the limit is told, the rest dropped.
const windows = new Map();
function limited(userId) {
  const now = Date.now();
  let w = windows.get(userId);
  if (!w || now - w.start >= windowMs) {
    w = { start: now, count: 0, told: false };
    windows.set(userId, w);
  }
  w.count += 1;
  if (w.count <= maxRequests) return null;
  if (w.told) return 'drop';
  w.told = true;
  return 'tell';
}

function listingKeyboard(items, category, page, pages) {
  const kb = new InlineKeyboard();
  for (const l of items) kb.text(l.title, `v:${l.id}`).row();
  if (category !== null) {
    if (page > 1) kb.text('◀ Prev', `c:${category}:${page - 1}`);
    if (page < pages) kb.text('Next ▶', `c:${category}:${page + 1}`);
    kb.row().text('◀ Categories', 'b');
  }
  return kb;
}

function categoryKeyboard() {
  const kb = new InlineKeyboard();
  categories.forEach((name, i) => kb.text(name, `c:${i}:1`).row());
  return kb;
}

function viewText(l) {
  return `${l.title}\n${l.category} · ${l.city}\n${l.description}`;
}

async function credits(userId) {
  const r = await pool.query(`select credits from ${schema}.users where user_id = $1`, [userId]);
  return r.rows.length ? r.rows[0].credits : 0;
}

bot.use(sequentialize((ctx) => String(ctx.chat?.id ?? ctx.from?.id)));

bot.use(async (ctx, next) => {
  const userId = ctx.from?.id;
  if (userId === undefined) return;
  const verdict = limited(userId);
  if (verdict === 'drop') return;
  if (verdict === 'tell') {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery();
    await ctx.reply('Slow down, try again in a minute.');
    return;
  }
  await next();
});

bot.command('start', async (ctx) => {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const inserted = await client.query(
      `insert into ${schema}.users (user_id, credits) values ($1, $2) on conflict do nothing`, [ctx.from.id, bonus]);
    if (inserted.rowCount === 1) {
      await client.query(`insert into ${schema}.ledger (user_id, delta, reason) values ($1, $2, 'signup')`,
        [ctx.from.id, bonus]);
    }
    await client.query('commit');
  } catch (e) {
    await client.query('rollback');
    throw e;
  } finally {
    client.release();
  }
  await ctx.reply(`Welcome! You have ${await credits(ctx.from.id)} credits. /browse to see the directory.`);
});

bot.command('balance', async (ctx) => {
  await ctx.reply(`You have ${await credits(ctx.from.id)} credits.`);
});

bot.command('browse', async (ctx) => {
  await ctx.reply('Choose a category:', { reply_markup: categoryKeyboard() });
});

bot.command('search', async (ctx) => {
  const words = ctx.match.toLowerCase().split(/\s+/).filter((w) => w);
  const found = listings.filter((l) => words.every((w) => l.haystack.includes(w))).slice(0, PAGE);
  if (!found.length) return ctx.reply('Nothing found.');
  await ctx.reply(`Found ${found.length}:`, { reply_markup: listingKeyboard(found, null, 1, 1) });
});

bot.command('view', async (ctx) => {
  const l = listings.find((x) => x.id === ctx.match.trim());
  if (!l) return ctx.reply('No such listing.');
  await ctx.reply(viewText(l), { reply_markup: new InlineKeyboard().text(`🔓 Unlock contact — ${cost} credits`, `u:${l.id}`) });
});

bot.callbackQuery('b', async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.editMessageText('Choose a category:', { reply_markup: categoryKeyboard() });
});

bot.callbackQuery(/^c:(\d+):(\d+)$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  const category = Number(ctx.match[1]);
  const inCategory = listings.filter((l) => l.category === categories[category]);
  const pages = Math.max(1, Math.ceil(inCategory.length / PAGE));
  const page = Math.min(Math.max(1, Number(ctx.match[2])), pages);
  const items = inCategory.slice((page - 1) * PAGE, page * PAGE);
  await ctx.editMessageText(`${categories[category]} · page ${page} of ${pages}`,
    { reply_markup: listingKeyboard(items, category, page, pages) });
});

bot.callbackQuery(/^v:(.+)$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  const l = listings.find((x) => x.id === ctx.match[1]);
  if (!l) return;
  await ctx.reply(viewText(l), { reply_markup: new InlineKeyboard().text(`🔓 Unlock contact — ${cost} credits`, `u:${l.id}`) });
});

bot.callbackQuery(/^u:(.+)$/, async (ctx) => {
  const l = listings.find((x) => x.id === ctx.match[1]);
  if (!l) return ctx.answerCallbackQuery({ text: 'No such listing.' });
  const client = await pool.connect();
  let outcome;
  try {
    await client.query('begin');
    const row = await client.query(`select credits from ${schema}.users where user_id = $1 for update`, [ctx.from.id]);
    const already = await client.query(`select 1 from ${schema}.unlocks where user_id = $1 and listing_id = $2`,
      [ctx.from.id, l.id]);
    if (already.rowCount) {
      outcome = 'again';
    } else if (!row.rowCount || row.rows[0].credits < cost) {
      outcome = 'poor';
    } else {
      await client.query(`update ${schema}.users set credits = credits - $2 where user_id = $1`, [ctx.from.id, cost]);
      await client.query(`insert into ${schema}.ledger (user_id, delta, reason) values ($1, $2, $3)`,
        [ctx.from.id, -cost, `unlock ${l.id}`]);
      await client.query(`insert into ${schema}.unlocks (user_id, listing_id) values ($1, $2)`, [ctx.from.id, l.id]);
      outcome = 'charged';
    }
    await client.query('commit');
  } catch (e) {
    await client.query('rollback');
    throw e;
  } finally {
    client.release();
  }
  await ctx.answerCallbackQuery();
  if (outcome === 'poor') {
    await ctx.editMessageText(`${viewText(l)}\n\nNot enough credits: /start grants some once.`);
  } else {
    await ctx.editMessageText(`${viewText(l)}\n\nContact: ${l.contact}`);
  }
});

bot.on('message', (ctx) => ctx.reply('Unknown command. /browse, /search, /balance'));

bot.catch((err) => console.error('grammy-peer: handler failed:', err.error?.message ?? err.message));

(async () => {
  const r = await pool.query(`select listing_id, title, category, city, description, contact from ${schema}.listings order by listing_id`);
  listings = r.rows.map((x) => ({ id: x.listing_id, title: x.title, category: x.category, city: x.city,
    description: x.description, contact: x.contact,
    haystack: `${x.title} ${x.category} ${x.city} ${x.description}`.toLowerCase() }));
  categories = [...new Set(listings.map((l) => l.category))];
  const runner = run(bot, { runner: { fetch: { allowed_updates: ['message', 'callback_query'] } } });
  console.log(`grammy-peer: polling with ${listings.length} listings`);
  const stop = () => runner.isRunning() && runner.stop().then(() => pool.end()).then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
})();
