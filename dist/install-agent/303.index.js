export const id = 303;
export const ids = [303];
export const modules = {

/***/ 2303:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   configFacts: () => (/* binding */ configFacts),
/* harmony export */   readAgentConfig: () => (/* binding */ readAgentConfig)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var fast_xml_parser__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9658);
/* harmony import */ var fast_xml_parser__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5824);


const parser = new fast_xml_parser__WEBPACK_IMPORTED_MODULE_1__/* ["default"] */ .A({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    // Every element as a list, so a repeated <runtime> or <system.net> is read in full.
    isArray: (_name, _path, _isLeaf, isAttribute) => !isAttribute,
    parseAttributeValue: false,
    parseTagValue: false,
    processEntities: false,
});
function children(nodes, name) {
    const out = [];
    for (const node of Array.isArray(nodes) ? nodes : [nodes]) {
        if (!node || typeof node !== 'object')
            continue;
        const value = node[name];
        if (Array.isArray(value))
            out.push(...value.filter((v) => v && typeof v === 'object'));
    }
    return out;
}
function attribute(node, name) {
    const value = node[`@${name}`];
    return typeof value === 'string' ? value.trim() : undefined;
}
/** Reads the facts from the file's text (pure; unit-tested). */
function configFacts(text) {
    const xml = text.replace(/^\uFEFF/, '');
    const valid = fast_xml_parser__WEBPACK_IMPORTED_MODULE_2__/* .XMLValidator */ .iI.validate(xml);
    if (valid !== true) {
        return { exists: true, error: `not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`, fipsException: false, proxyAddress: null };
    }
    const configuration = children(parser.parse(xml), 'configuration');
    // .NET parses the boolean case-insensitively.
    const fipsException = children(children(configuration, 'runtime'), 'enforceFIPSPolicy').some((n) => attribute(n, 'enabled')?.toLowerCase() === 'false');
    let proxyAddress = null;
    for (const defaultProxy of children(children(configuration, 'system.net'), 'defaultProxy')) {
        if (attribute(defaultProxy, 'enabled')?.toLowerCase() === 'false')
            continue;
        for (const proxy of children(defaultProxy, 'proxy'))
            proxyAddress = attribute(proxy, 'proxyaddress') ?? proxyAddress;
    }
    return { exists: true, fipsException, proxyAddress };
}
async function readAgentConfig(path) {
    let text;
    try {
        text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(path, 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return { exists: false, fipsException: false, proxyAddress: null };
        return { exists: true, error: `unreadable (${error.code ?? 'error'})`, fipsException: false, proxyAddress: null };
    }
    return configFacts(text);
}


/***/ })

};
