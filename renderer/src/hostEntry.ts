import { installHttpBridge } from './bridge/httpBridge';
import { startApp } from './startApp';

installHttpBridge();
void startApp();
