#!/usr/bin/env node
import { main } from '../dist/thuky.js';

process.exitCode = await main();
