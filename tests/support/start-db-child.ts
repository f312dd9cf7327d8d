/**
 * Child process for the embedded-database crash test: starts the embedded backend on the folder
 * given as argv[2], stores `{ _id: 'from-child' }` in database `persist`, prints "ready" and
 * waits to be killed.
 */
import mongoose from 'mongoose';
import { startLocalDb } from '../../scripts/local-db.js';

const db = await startLocalDb({ dir: process.argv[2], backend: 'embedded', logLevel: 'none' });
const url = new URL(db.uri);
url.pathname = '/persist';
const client = await new mongoose.mongo.MongoClient(url.toString()).connect();
await client.db().collection<{ _id: string }>('items').insertOne({ _id: 'from-child' });
await client.close();
console.log('ready');
setInterval(() => {}, 60_000);
